package dev.voicesession.emulator.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One version of a message's content: the first one as posted, then one per edit.
 *
 * @param content text content
 * @param embeds embeds array as sent
 * @param components components array as sent
 * @param at when this version was written
 */
public record MessageRevision(String content, JsonNode embeds, JsonNode components, Instant at) {}

package dev.voicesession.emulator.model;

import java.util.Arrays;
import java.util.Optional;

/** The guild channel types the emulator supports, with Discord's numeric ids. */
public enum ChannelType {
    /** A text channel. */
    TEXT(0),
    /** A voice channel. */
    VOICE(2),
    /** A category that groups up to 50 channels. */
    CATEGORY(4),
    /** An announcement channel. */
    NEWS(5),
    /** A stage channel. */
    STAGE(13);

    private final int id;

    ChannelType(int id) {
        this.id = id;
    }

    /** Discord's numeric channel type. */
    public int id() {
        return id;
    }

    /** Whether users can join this channel for voice. */
    public boolean isAudio() {
        return this == VOICE || this == STAGE;
    }

    /** Whether messages can be posted in this channel. */
    public boolean isMessage() {
        return this != CATEGORY;
    }

    /** Looks up a type by Discord's numeric id. */
    public static Optional<ChannelType> fromId(int id) {
        return Arrays.stream(values()).filter(t -> t.id == id).findFirst();
    }
}

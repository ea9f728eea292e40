// Rendering of the console: functions from state to DOM, with no state of their own.

/** Creates an element: `attrs` are attributes (on* keys become listeners), children are nodes or text. */
export function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
        if (value === undefined || value === null || value === false) {
            continue;
        }
        if (key.startsWith("on")) {
            node.addEventListener(key.slice(2), value);
        } else if (key === "className") {
            node.className = value;
        } else {
            node.setAttribute(key, value === true ? "" : value);
        }
    }
    for (const child of children.flat()) {
        if (child !== null && child !== undefined && child !== false) {
            node.append(child instanceof Node ? child : String(child));
        }
    }
    return node;
}

const SVG = "http://www.w3.org/2000/svg";

function icon(path, label) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("class", "icon");
    svg.setAttribute("aria-label", label);
    const shape = document.createElementNS(SVG, "path");
    shape.setAttribute("d", path);
    svg.append(shape);
    return svg;
}

const SPEAKER = "M2 6h3l4-3v10l-4-3H2z M11 5.5c1.2 1.2 1.2 3.8 0 5 M12.8 3.8c2.2 2.2 2.2 6.2 0 8.4";
const LOCK = "M4 7V5a4 4 0 0 1 8 0v2 M3 7h10v7H3z";

export function time(iso) {
    return iso ? new Date(iso).toLocaleTimeString([], { hour12: false }) : "";
}

function timeMillis(iso) {
    if (!iso) {
        return "";
    }
    const date = new Date(iso);
    return date.toLocaleTimeString([], { hour12: false }) + "." + String(date.getMilliseconds()).padStart(3, "0");
}

function initials(name) {
    const words = name.replace(/[()]/g, "").split(/\s+/).filter(Boolean);
    return words.slice(0, 2).map((w) => w[0].toUpperCase()).join("");
}

// ---- guilds and channels

export function renderGuilds(nav, guilds, selectedId, onSelect) {
    nav.replaceChildren(...guilds.map((guild) => el("button", {
        type: "button",
        className: "guild" + (guild.id === selectedId ? " selected" : ""),
        title: guild.name + (guild.botMissing.length ? ` (bot lacks ${guild.botMissing.join(", ")})` : ""),
        "data-guild-id": guild.id,
        "data-guild-name": guild.name,
        onclick: () => onSelect(guild.id),
    }, initials(guild.name))));
}

/** Channels grouped under their categories, sorted as Discord sorts them. */
function grouped(channels) {
    const byPosition = (a, b) => a.position - b.position || (BigInt(a.id) < BigInt(b.id) ? -1 : 1);
    const categories = channels.filter((c) => c.type === "category").sort(byPosition);
    const children = (parentId) => channels
        .filter((c) => c.type !== "category" && (c.parentId || null) === parentId)
        .sort((a, b) => (a.type === "voice") - (b.type === "voice") || byPosition(a, b));
    return [{ category: null, channels: children(null) },
        ...categories.map((category) => ({ category, channels: children(category.id) }))];
}

export function renderChannels(container, guild, ctx) {
    const names = new Map(guild.members.map((m) => [m.id, m.username]));
    const voiceByChannel = new Map();
    for (const state of guild.voiceStates) {
        voiceByChannel.set(state.channelId, [...(voiceByChannel.get(state.channelId) || []), state.userId]);
    }
    const mine = guild.voiceStates.find((s) => s.userId === ctx.userId);
    const groups = grouped(guild.channels).map(({ category, channels }) => el("div", { className: "group" },
        category && el("h4", { className: "category", "data-channel-id": category.id }, category.name),
        channels.map((channel) => channelItem(channel, names, voiceByChannel.get(channel.id) || [], mine, ctx))));
    container.replaceChildren(...groups);
}

function channelItem(channel, names, inVoice, mine, ctx) {
    const voice = channel.type === "voice" || channel.type === "stage";
    const canView = channel.viewers.includes(ctx.userId);
    const canConnect = channel.connectors.includes(ctx.userId);
    const here = mine && mine.channelId === channel.id;
    const classes = ["channel", voice ? "voice" : "text"];
    if (channel.id === ctx.selectedChannelId) {
        classes.push("selected");
    }
    if (!canView) {
        classes.push("not-visible");
    }
    const label = el("span", { className: "channel-name" },
        voice ? icon(SPEAKER, "voice channel") : el("span", { className: "hash" }, "#"),
        channel.name,
        channel.private && icon(LOCK, "private channel"));
    const actions = [el("button", {
        type: "button",
        className: "delete",
        title: "Delete this channel as a moderator",
        onclick: () => ctx.onDelete(channel),
    }, "Delete")];
    if (voice) {
        const userName = names.get(ctx.userId) || "this user";
        if (here) {
            actions.push(el("button", { type: "button", className: "leave", onclick: () => ctx.onLeave() }, "Leave"));
        } else {
            actions.push(el("button", {
                type: "button",
                className: mine ? "move" : "join",
                disabled: !canConnect,
                title: canConnect ? "" : `${userName} cannot connect to this channel`,
                onclick: () => (mine ? ctx.onMove(channel.id) : ctx.onJoin(channel.id)),
            }, mine ? "Move here" : "Join"));
        }
    }
    return el("div", {
        className: classes.join(" "),
        "data-channel-id": channel.id,
        "data-channel-name": channel.name,
        "data-private": channel.private ? "true" : "false",
    },
    el("div", {
        className: "channel-row",
        onclick: voice ? null : () => ctx.onSelectChannel(channel.id),
        title: canView ? "" : "This user cannot see the channel",
    }, label, el("span", { className: "channel-actions" }, actions)),
    channel.private && el("div", { className: "visible-to" },
        "visible to " + channel.visibleTo.map((id) => names.get(id) || id).join(", ")),
    voice && inVoice.length > 0 && el("ul", { className: "voice-members" }, inVoice.map((userId) => el("li", {
        "data-user-name": names.get(userId) || userId,
    }, names.get(userId) || userId, userId === ctx.botId && el("span", { className: "tag" }, "BOT")))));
}

// ---- messages

/** Message text with channel and user mentions resolved and HTML escaped. */
function content(text, ctx) {
    const parts = [];
    const pattern = /<(#|@!?)(\d+)>/g;
    let last = 0;
    for (const match of text.matchAll(pattern)) {
        parts.push(text.slice(last, match.index));
        const id = match[2];
        parts.push(match[1] === "#"
            ? el("span", { className: "mention" }, "#" + (ctx.channelName(id) || "deleted-channel"))
            : el("span", { className: "mention" }, "@" + (ctx.userName(id) || "unknown-user")));
        last = match.index + match[0].length;
    }
    parts.push(text.slice(last));
    return parts;
}

export function renderMessages(list, messages, ctx) {
    const visible = messages.filter((m) => !m.ephemeral || (m.interaction && m.interaction.userId === ctx.userId));
    list.replaceChildren(...visible.map((message) => messageItem(message, ctx)));
}

function messageItem(message, ctx) {
    const edits = message.history.length - 1;
    const classes = ["message"];
    if (message.bot) {
        classes.push("from-bot");
    }
    if (message.deleted) {
        classes.push("deleted");
    }
    const used = message.interaction;
    return el("li", {
        className: classes.join(" "),
        "data-message-id": message.id,
        "data-author": message.author,
        "data-edits": String(edits),
    },
    used && el("div", { className: "interaction" },
        `${used.user} used /${used.command}${subcommand(used.options)}`),
    el("div", { className: "meta" },
        el("span", { className: "author" }, message.author),
        message.bot && el("span", { className: "tag" }, "BOT"),
        el("time", { datetime: message.timestamp }, time(message.timestamp)),
        edits > 0 && el("span", { className: "edited", title: "edited " + time(message.edited) }, `(edited ${edits}x)`),
        message.deleted && el("span", { className: "deleted-tag" }, "(deleted)"),
        message.ephemeral && el("span", { className: "ephemeral" }, "Only you can see this")),
    el("div", { className: "content" }, message.loading ? el("em", {}, `${message.author} is thinking...`)
        : content(message.content, ctx)),
    edits > 0 && el("details", { className: "history" },
        el("summary", {}, "edit history"),
        el("ol", {}, message.history.map((revision) => el("li", {},
            el("time", {}, time(revision.at)), " ", content(revision.content || "(empty)", ctx))))));
}

function subcommand(options) {
    const sub = (options || []).find((o) => o.type === 1 || o.type === 2);
    return sub ? " " + sub.name : "";
}

// ---- bot voice, sessions and timers

export function renderBotVoice(container, guild, botVoice, ctx) {
    const gatewayState = guild.voiceStates.find((s) => s.userId === ctx.botId);
    const rows = [
        ["Gateway voice state", gatewayState ? "in " + ctx.channelLabel(gatewayState.channelId) : "not in voice"],
        ["Voice server", botVoice ? botVoice.state : "unknown"],
    ];
    if (botVoice && botVoice.channelId && botVoice.channelId !== "0") {
        rows.push(["Voice channel", ctx.channelLabel(botVoice.channelId)]);
        rows.push(["Since", time(botVoice.since)]);
        rows.push(["SSRC, heartbeats", `${botVoice.ssrc}, ${botVoice.heartbeats}`]);
        rows.push(["Audio packets", String(botVoice.udpPackets)]);
        if (botVoice.lastCloseCode) {
            rows.push(["Last close code", String(botVoice.lastCloseCode)]);
        }
    }
    container.className = "kv state-" + (botVoice ? botVoice.state.toLowerCase() : "unknown");
    container.setAttribute("data-state", botVoice ? botVoice.state : "UNKNOWN");
    container.replaceChildren(...rows.map(([key, value]) => el("div", {}, el("span", { className: "k" }, key),
        el("span", { className: "v" }, value))));
}

/**
 * Of two views of the bot's voice connection in a guild, the one of the later change (the higher version):
 * a guild read and the live feed can arrive in either order.
 */
export function newerBotVoice(known, fresh) {
    if (!known || !fresh) {
        return fresh || known;
    }
    return (known.version || 0) > (fresh.version || 0) ? known : fresh;
}

/**
 * Where a session stands, as far as the console can see: ended, being created, waiting for the bot,
 * waiting for the user (with the time left on the join timer), or joined.
 */
export function sessionProgress(session, guild, botVoice, timeoutMillis, now, joinedBefore) {
    if (!session.active) {
        return { kind: "ended" };
    }
    if (!session.channelId || session.channelId === "0") {
        return { kind: "creating" };
    }
    const userIn = guild && guild.voiceStates.some((s) => s.userId === session.userId
        && s.channelId === session.channelId);
    if (userIn) {
        return { kind: "joined" };
    }
    if (joinedBefore) {
        return { kind: "left" };
    }
    if (botVoice && botVoice.state === "CONNECTED" && botVoice.channelId === session.channelId && botVoice.since
        && timeoutMillis) {
        const remaining = Date.parse(botVoice.since) + timeoutMillis - now;
        return { kind: "waiting", remaining, timeoutMillis };
    }
    return { kind: "connecting" };
}

export function renderTimers(container, host, ctx) {
    if (!host.attached) {
        container.replaceChildren("no bot host attached");
        return;
    }
    const sessions = host.sessions.filter((s) => s.active).concat(host.sessions.filter((s) => !s.active).slice(-3));
    if (sessions.length === 0) {
        container.replaceChildren("no sessions yet");
        return;
    }
    container.replaceChildren(...sessions.map((session) => {
        const progress = ctx.progress(session);
        const who = ctx.userName(session.userId) || session.userId;
        const where = session.channelId && session.channelId !== "0" ? ctx.channelLabel(session.channelId) : "(no channel yet)";
        let status;
        let bar = null;
        switch (progress.kind) {
            case "ended":
                status = "ended: " + (session.row.end_reason || "?");
                break;
            case "creating":
                status = "creating the channel";
                break;
            case "connecting":
                status = "bot connecting";
                break;
            case "joined":
                status = "user joined: join timer cancelled, session active";
                break;
            case "left":
                status = "user left: session ending";
                break;
            case "waiting": {
                const seconds = Math.max(0, Math.ceil(progress.remaining / 1000));
                status = progress.remaining > 0 ? `join within ${seconds} s` : "join timer expired";
                const fraction = Math.max(0, Math.min(1, progress.remaining / progress.timeoutMillis));
                bar = el("div", { className: "bar" }, el("div", { style: `width: ${(fraction * 100).toFixed(1)}%` }));
                break;
            }
            default:
                status = progress.kind;
        }
        return el("div", {
            className: "timer timer-" + progress.kind,
            "data-session-id": String(session.row.id),
            "data-kind": progress.kind,
        }, el("div", {}, el("strong", {}, `#${session.row.id}`), ` ${who} in ${where}`),
        el("div", { className: "countdown" }, status), bar);
    }));
}

export function renderSessionsTable(table, host) {
    if (!host.attached) {
        table.replaceChildren(el("caption", {}, "no bot host attached"));
        return;
    }
    const rows = host.sessions;
    if (rows.length === 0) {
        table.replaceChildren(el("caption", {}, "voice_sessions is empty"));
        return;
    }
    const columns = Object.keys(rows[0].row);
    table.replaceChildren(
        el("thead", {}, el("tr", {}, columns.map((c) => el("th", {}, c)))),
        el("tbody", {}, rows.slice().reverse().map((session) => el("tr", {
            className: session.active ? "active" : "ended",
            "data-session-id": String(session.row.id),
            "data-active": session.active ? "true" : "false",
        }, columns.map((c) => el("td", { "data-column": c },
            session.row[c] === null || session.row[c] === undefined ? el("span", { className: "null" }, "NULL")
                : String(session.row[c])))))));
}

// ---- lines: host log, requests, gateway events

export function logLine(line) {
    return el("li", { className: "level-" + line.level.toLowerCase(), "data-sequence": String(line.sequence) },
        el("time", {}, timeMillis(line.at)), ` ${line.level.padEnd(5)} ${line.logger} - ${line.message}`);
}

export function requestLine(request) {
    return el("li", {
        className: request.status >= 400 ? "level-warn" : "",
        title: request.body || "(no body)",
        "data-sequence": String(request.sequence),
    }, el("time", {}, timeMillis(request.at)), ` ${request.method.padEnd(6)} ${request.path} -> ${request.status}`);
}

export function gatewayLine(event, ctx) {
    return el("li", {}, el("time", {}, timeMillis(event.at)),
        ` ${event.type}${event.guildId !== "0" ? " in " + (ctx.guildName(event.guildId) || event.guildId) : ""}`);
}

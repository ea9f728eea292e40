// The console page: keeps what the emulator and the attached host showed, re-renders on every change,
// and turns clicks and typing into control API calls as the chosen user.

import { consoleApi, control, openFeed } from "./api.js";
import {
    el, gatewayLine, logLine, renderBotVoice, renderChannels, renderGuilds, renderMessages, renderSessionsTable,
    newerBotVoice, renderTimers, requestLine, sessionProgress,
} from "./render.js";

const LINES_KEPT = 1000;

const state = {
    overview: { bot: null, guilds: [], users: [] },
    guilds: new Map(), // guild id -> snapshot
    guildId: null,
    channelId: null,
    direct: false, // whether the chat shows the acting user's direct messages with the bot
    messages: new Map(), // message id -> message, of the selected channel
    userId: null,
    host: { attached: false },
    log: new Map(), // sequence -> line
    requests: new Map(), // sequence -> request
    gateway: [],
    channelNames: new Map(), // every channel ever seen, so mentions of deleted channels keep a name
    joined: new Set(), // sessions whose user was seen in the channel
    clockSkew: 0, // server time minus browser time
    tab: "sessions",
};

const $ = (id) => document.getElementById(id);

// ---- helpers the renderers get

function botId() {
    return state.overview.bot ? state.overview.bot.id : null;
}

function userName(id) {
    if (id === botId()) {
        return state.overview.bot.username;
    }
    const user = state.overview.users.find((u) => u.id === id);
    return user ? user.username : null;
}

function channelName(id) {
    return state.channelNames.get(id) || null;
}

function channelLabel(id) {
    return "#" + (channelName(id) || id);
}

function now() {
    return Date.now() + state.clockSkew;
}

function progress(session) {
    const guild = state.guilds.get(session.guildId);
    const timeout = state.host.joinTimeouts ? Number(state.host.joinTimeouts[session.guildId]) : null;
    const result = sessionProgress(session, guild, guild ? guild.botVoice : null, timeout, now(),
        state.joined.has(session.row.id));
    if (result.kind === "joined") {
        state.joined.add(session.row.id);
    }
    return result;
}

function toast(message, kind = "error") {
    const node = el("div", { className: "toast " + kind }, message);
    $("toasts").append(node);
    setTimeout(() => node.remove(), kind === "error" ? 8000 : 3000);
}

async function attempt(action) {
    try {
        return await action();
    } catch (error) {
        toast(error.message);
        return null;
    }
}

// ---- loading

async function loadOverview() {
    state.overview = await consoleApi.overview();
    if (!state.userId || !state.overview.users.some((u) => u.id === state.userId)) {
        state.userId = state.overview.users.length ? state.overview.users[0].id : null;
    }
    if (!state.guildId || !state.overview.guilds.some((g) => g.id === state.guildId)) {
        state.guildId = state.overview.guilds.length ? state.overview.guilds[0].id : null;
        state.channelId = null;
    }
    await Promise.all(state.overview.guilds.map((g) => loadGuild(g.id)));
    renderUsers();
    renderAll();
}

async function loadGuild(guildId) {
    const guild = await consoleApi.guild(guildId);
    const known = state.guilds.get(guildId);
    // The feed may have reported a newer voice connection while this read was on its way.
    guild.botVoice = newerBotVoice(known ? known.botVoice : null, guild.botVoice);
    state.guilds.set(guildId, guild);
    for (const channel of guild.channels) {
        state.channelNames.set(channel.id, channel.name);
    }
    if (guildId === state.guildId && !state.direct
        && (!state.channelId || !guild.channels.some((c) => c.id === state.channelId))) {
        const text = guild.channels.find((c) => c.type === "text" && c.viewers.includes(state.userId))
            || guild.channels.find((c) => c.type === "text");
        await selectChannel(text ? text.id : null);
    }
}

async function loadMessages() {
    state.messages.clear();
    if (state.channelId) {
        for (const message of await consoleApi.messages(state.channelId)) {
            state.messages.set(message.id, message);
        }
    }
}

async function loadHost() {
    state.host = await consoleApi.host();
    const after = Math.max(0, ...state.log.keys());
    addLines(state.log, await consoleApi.hostLog(after));
    addLines(state.requests, await consoleApi.requests(Math.max(0, ...state.requests.keys())));
}

function addLines(map, lines) {
    for (const line of lines) {
        map.set(line.sequence, line);
    }
    const excess = map.size - LINES_KEPT;
    if (excess > 0) {
        [...map.keys()].sort((a, b) => a - b).slice(0, excess).forEach((key) => map.delete(key));
    }
}

// ---- rendering

function renderUsers() {
    const select = $("acting-user");
    select.replaceChildren(...state.overview.users.map((user) => el("option", {
        value: user.id,
        selected: user.id === state.userId,
    }, user.username)));
}

function renderAll() {
    renderGuilds($("guilds"), state.overview.guilds, state.guildId, selectGuild);
    renderGuild();
    renderChat();
    renderHost();
    renderLines();
}

function renderGuild() {
    const guild = state.guilds.get(state.guildId);
    if (!guild) {
        return;
    }
    $("guild-name").textContent = guild.name;
    $("guild-note").textContent = guild.botMissing.length ? "The bot lacks " + guild.botMissing.join(", ") : "";
    renderChannels($("channels"), guild, {
        userId: state.userId,
        botId: botId(),
        selectedChannelId: state.channelId,
        onSelectChannel: selectChannel,
        onJoin: (channelId) => attempt(() => control.joinVoice(guild.id, state.userId, channelId)),
        onMove: (channelId) => attempt(() => control.moveVoice(guild.id, state.userId, channelId)),
        onLeave: () => attempt(() => control.leaveVoice(guild.id, state.userId)),
        onDelete: (channel) => {
            if (window.confirm(`Delete #${channel.name} as a moderator?`)) {
                attempt(() => control.deleteChannel(channel.id));
            }
        },
    });
    renderBotVoice($("bot-voice"), guild, guild.botVoice, { botId: botId(), channelLabel });
}

function renderChat() {
    const channel = state.channelId ? channelName(state.channelId) : null;
    $("chat-title").textContent = channel || "no text channel";
    $("chat-header").classList.toggle("direct", state.direct);
    $("direct-message").classList.toggle("selected", state.direct);
    const input = $("composer-input");
    input.disabled = !channel;
    $("composer-send").disabled = !channel;
    if (state.direct) {
        input.placeholder = `Direct message to ${channel} as ${userName(state.userId)}`;
    } else {
        input.placeholder = channel ? `Message #${channel} as ${userName(state.userId)}, or type / for commands`
            : "Select a text channel";
    }
    const list = $("messages");
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    const messages = [...state.messages.values()].sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    renderMessages(list, messages, { userId: state.userId, channelName, userName });
    if (atBottom) {
        list.scrollTop = list.scrollHeight;
    }
}

function renderHost() {
    const host = state.host;
    const status = host.attached ? host.status : "NO HOST";
    const pill = $("host-status");
    pill.textContent = status;
    pill.className = "pill status-" + status.toLowerCase().replace(" ", "-");
    $("host-description").textContent = host.attached ? host.description : "no bot host attached";
    const running = host.attached && host.status === "RUNNING";
    $("restart-clean").disabled = !running;
    $("restart-crash").disabled = !running;
    renderSessionsTable($("sessions-table"), host);
    renderTimersNow();
}

function renderTimersNow() {
    renderTimers($("timers"), state.host, { progress, userName, channelLabel });
}

function renderLines() {
    const filter = $("tab-filter").value.trim().toLowerCase();
    const keep = (node) => !filter || node.textContent.toLowerCase().includes(filter);
    const fill = (list, nodes) => {
        const atBottom = list.parentElement.scrollHeight - list.parentElement.scrollTop
            - list.parentElement.clientHeight < 40;
        list.replaceChildren(...nodes.filter(keep));
        if (atBottom) {
            list.parentElement.scrollTop = list.parentElement.scrollHeight;
        }
    };
    const sorted = (map) => [...map.keys()].sort((a, b) => a - b).map((key) => map.get(key));
    if (state.tab === "log") {
        fill($("host-log"), sorted(state.log).map(logLine));
    } else if (state.tab === "requests") {
        fill($("requests"), sorted(state.requests).map(requestLine));
    } else if (state.tab === "gateway") {
        const guildName = (id) => (state.guilds.get(id) || {}).name;
        fill($("gateway"), state.gateway.map((event) => gatewayLine(event, { guildName })));
    }
}

// ---- actions

async function selectGuild(guildId) {
    state.direct = false;
    state.guildId = guildId;
    state.channelId = null;
    await attempt(() => loadGuild(guildId));
    renderAll();
}

async function selectChannel(channelId) {
    state.direct = false;
    state.channelId = channelId;
    await attempt(loadMessages);
    renderGuild();
    renderChat();
}

/** Shows the acting user's direct message channel with the bot (created on first use). */
async function selectDirect() {
    const dm = await attempt(() => control.directMessages(state.userId));
    if (dm === null) {
        return;
    }
    state.direct = true;
    state.channelId = dm.channelId;
    state.channelNames.set(dm.channelId, "@" + (state.overview.bot ? state.overview.bot.username : "bot"));
    await attempt(loadMessages);
    renderGuild();
    renderChat();
}

async function send(event) {
    event.preventDefault();
    const input = $("composer-input");
    const text = input.value.trim();
    if (!text || !state.channelId) {
        return;
    }
    let done;
    if (state.direct) {
        done = await attempt(() => control.sayDirect(state.userId, text));
    } else {
        done = text.startsWith("/") ? await attempt(() => runSlash(text)) : await attempt(
            () => control.say(state.channelId, state.userId, text));
    }
    if (done !== null) {
        input.value = "";
        renderHints();
    }
}

/** The guild's slash commands (guild and global), as Discord's command objects. */
function commands() {
    const guild = state.guilds.get(state.guildId);
    return guild ? guild.commands : [];
}

/**
 * Runs "/name [subcommand] [option:value ...]"; a value without a name fills the next option. User,
 * channel and role options take names ("user:alice", "#general") as well as ids.
 */
function runSlash(text) {
    const words = text.slice(1).trim().split(/\s+/);
    const command = commands().find((c) => c.name === words[0]);
    if (!command) {
        throw new Error(`No slash command /${words[0]} is registered here; type / to see the commands`);
    }
    let name = command.name;
    let options = command.options || [];
    let rest = words.slice(1);
    const subcommands = options.filter((o) => o.type === 1);
    if (subcommands.length) {
        const sub = subcommands.find((o) => o.name === rest[0]);
        if (!sub) {
            throw new Error(`/${command.name} needs one of: ${subcommands.map((o) => o.name).join(", ")}`);
        }
        name += " " + sub.name;
        options = sub.options || [];
        rest = rest.slice(1);
    }
    const values = {};
    for (const word of rest) {
        const colon = word.indexOf(":");
        const named = colon > 0 ? options.find((o) => o.name === word.slice(0, colon)) : null;
        const option = named || options.filter((o) => !(o.name in values))[0];
        if (!option) {
            throw new Error(`/${name} takes no option for '${word}'`);
        }
        values[option.name] = optionValue(option, named ? word.slice(colon + 1) : word);
    }
    const missing = options.filter((o) => o.required && !(o.name in values));
    if (missing.length) {
        throw new Error(`/${name} needs ${missing.map((o) => o.name + ":...").join(" ")}`);
    }
    return control.runCommand(state.guildId, state.channelId, state.userId, name, values);
}

function optionValue(option, raw) {
    const guild = state.guilds.get(state.guildId);
    const bare = raw.replace(/^[@#]/, "");
    switch (option.type) {
        case 4:
            return parseInt(raw, 10);
        case 5:
            return raw === "true";
        case 10:
            return parseFloat(raw);
        case 6:
        case 9: {
            const member = guild.members.find((m) => m.username === bare || m.id === bare);
            if (!member) {
                throw new Error(`No member '${bare}' in this guild`);
            }
            return member.id;
        }
        case 7: {
            const channel = guild.channels.find((c) => c.name === bare || c.id === bare);
            if (!channel) {
                throw new Error(`No channel '${bare}' in this guild`);
            }
            return channel.id;
        }
        default:
            return raw;
    }
}

function usage(command) {
    const optionText = (options) => (options || []).map((o) => (o.required ? `${o.name}:...` : `[${o.name}:...]`))
        .join(" ");
    const subcommands = (command.options || []).filter((o) => o.type === 1);
    if (subcommands.length === 0) {
        return [{ text: `/${command.name} ${optionText(command.options)}`.trim(), help: command.description }];
    }
    return subcommands.map((sub) => ({
        text: `/${command.name} ${sub.name} ${optionText(sub.options)}`.trim(),
        help: sub.description,
    }));
}

function renderHints() {
    const hints = $("command-hints");
    const text = $("composer-input").value;
    if (!text.startsWith("/")) {
        hints.hidden = true;
        return;
    }
    const typed = text.slice(1).trim();
    const matches = commands().flatMap(usage).filter((u) => u.text.slice(1).startsWith(typed.split(" ")[0]));
    hints.hidden = matches.length === 0;
    hints.replaceChildren(...matches.map((u) => el("li", {
        onclick: () => {
            $("composer-input").value = u.text.replace(/ \[?\w+:\.\.\.\]?/g, "");
            $("composer-input").focus();
            renderHints();
        },
    }, el("code", {}, u.text), " ", el("span", { className: "muted" }, u.help))));
}

const FAULTS = {
    "fail-create": () => control.failNext("POST", "guilds/{guild_id}/channels", 1, 500),
    "fail-delete": () => control.failNext("DELETE", "channels/{channel_id}", 3, 500),
    "rate-limit-messages": () => control.rateLimitNext("POST", "channels/{channel_id}/messages", 2000),
    "slow-rest": () => control.latency("*", "*", 1000),
    "drop-gateway": () => control.dropGateway(true),
    "invalidate-gateway": () => control.dropGateway(false),
    "voice-unreachable": () => control.voiceUnreachable(true),
    "voice-reachable": () => control.voiceUnreachable(false),
    "disconnect-bot": () => control.disconnectBot(state.guildId),
    clear: () => control.clearFaults(),
};

async function fault(name, button) {
    if (await attempt(FAULTS[name]) !== null) {
        toast(button.textContent + ": done", "info");
    }
}

async function restart(clean) {
    if (await attempt(() => consoleApi.restartHost(clean)) !== null) {
        toast(clean ? "Restarting the host in order" : "Crashing the host and starting it again", "info");
    }
}

function selectTab(tab) {
    state.tab = tab;
    for (const button of document.querySelectorAll(".tab")) {
        button.classList.toggle("active", button.dataset.tab === tab);
    }
    for (const body of document.querySelectorAll(".tab-body")) {
        body.hidden = body.id !== "tab-" + tab;
    }
    renderLines();
}

// ---- the live feed

const refreshing = new Map(); // guild id -> timer, to fold bursts of changes into one reload

function guildChanged(guildId, cause) {
    // New guilds, members and roles change the overview too: the users to act as, what the bot lacks.
    if (!state.guilds.has(guildId) || cause.startsWith("GUILD_")) {
        attempt(loadOverview);
        return;
    }
    clearTimeout(refreshing.get(guildId));
    refreshing.set(guildId, setTimeout(async () => {
        refreshing.delete(guildId);
        await attempt(() => loadGuild(guildId));
        if (guildId === state.guildId) {
            renderGuild();
            renderChat();
        }
        renderTimersNow();
    }, 30));
}

const handlers = {
    hello: async (data) => {
        state.clockSkew = Date.parse(data.serverTime) - Date.now();
        await attempt(loadOverview);
        await attempt(loadMessages);
        await attempt(loadHost);
        renderAll();
        document.body.dataset.ready = "true";
    },
    message: (message) => {
        if (message.channelId === state.channelId) {
            state.messages.set(message.id, message);
            renderChat();
        }
    },
    guild: (data) => guildChanged(data.guildId, data.cause),
    botVoice: (voice) => {
        const guild = state.guilds.get(voice.guildId);
        if (guild) {
            guild.botVoice = newerBotVoice(guild.botVoice, voice);
            if (voice.guildId === state.guildId) {
                renderGuild();
            }
            renderTimersNow();
        }
    },
    request: (request) => {
        addLines(state.requests, [request]);
        if (state.tab === "requests") {
            renderLines();
        }
    },
    gateway: (event) => {
        state.gateway.push(event);
        state.gateway.splice(0, Math.max(0, state.gateway.length - LINES_KEPT));
        if (state.tab === "gateway") {
            renderLines();
        }
    },
    host: (host) => {
        state.host = host;
        renderHost();
    },
    log: (data) => {
        addLines(state.log, data.lines);
        if (state.tab === "log") {
            renderLines();
        }
    },
};

function start() {
    $("acting-user").addEventListener("change", async (event) => {
        state.userId = event.target.value;
        if (state.direct) {
            await selectDirect();
        }
        renderGuild();
        renderChat();
    });
    $("direct-message").addEventListener("click", selectDirect);
    $("composer").addEventListener("submit", send);
    $("composer-input").addEventListener("input", renderHints);
    $("restart-clean").addEventListener("click", () => restart(true));
    $("restart-crash").addEventListener("click", () => restart(false));
    for (const button of document.querySelectorAll("[data-fault]")) {
        button.addEventListener("click", () => fault(button.dataset.fault, button));
    }
    for (const button of document.querySelectorAll(".tab")) {
        button.addEventListener("click", () => selectTab(button.dataset.tab));
    }
    $("tab-filter").addEventListener("input", renderLines);
    openFeed(handlers, (feed) => {
        const pill = $("feed-status");
        pill.textContent = feed;
        pill.className = "pill feed-" + feed;
    });
    setInterval(renderTimersNow, 250);
}

start();

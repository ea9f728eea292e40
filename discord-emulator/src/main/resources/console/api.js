// HTTP calls of the console: reads through /console/api/, actions through the emulator's control API.
// Ids are snowflakes and stay strings throughout: JavaScript numbers would lose their low bits.

const CONSOLE = "/console/api/";
const CONTROL = "/control/";

/** An error answer of the emulator, with the message it gave. */
export class ApiError extends Error {
    constructor(status, message) {
        super(message);
        this.status = status;
    }
}

async function call(method, url, body) {
    const init = { method, headers: {} };
    if (body !== undefined) {
        init.headers["Content-Type"] = "application/json";
        init.body = JSON.stringify(body);
    }
    const response = await fetch(url, init);
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) {
        throw new ApiError(response.status, (data && data.message) || `${method} ${url} answered ${response.status}`);
    }
    return data;
}

/** Reads of the console's own API. */
export const consoleApi = {
    overview: () => call("GET", CONSOLE + "overview"),
    guild: (guildId) => call("GET", `${CONSOLE}guilds/${guildId}`),
    messages: (channelId) => call("GET", `${CONSOLE}channels/${channelId}/messages`),
    requests: (after) => call("GET", `${CONSOLE}requests?after=${after}`),
    host: () => call("GET", CONSOLE + "host"),
    hostLog: (after) => call("GET", `${CONSOLE}host/log?after=${after}`),
    restartHost: (clean) => call("POST", CONSOLE + "host/restart", { clean }),
};

/** What a person does, through the control API: as a user, as a moderator, or as a fault. */
export const control = {
    say: (channelId, userId, content) =>
        call("POST", `${CONTROL}channels/${channelId}/messages`, { userId, content }),
    directMessages: (userId) => call("GET", `${CONTROL}users/${userId}/direct-messages`),
    sayDirect: (userId, content) => call("POST", `${CONTROL}users/${userId}/direct-messages`, { content }),
    runCommand: (guildId, channelId, userId, command, options) =>
        call("POST", `${CONTROL}guilds/${guildId}/commands/run`, { channelId, userId, command, options }),
    joinVoice: (guildId, userId, channelId) =>
        call("POST", `${CONTROL}guilds/${guildId}/voice/join`, { userId, channelId }),
    moveVoice: (guildId, userId, channelId) =>
        call("POST", `${CONTROL}guilds/${guildId}/voice/move`, { userId, channelId }),
    leaveVoice: (guildId, userId) => call("POST", `${CONTROL}guilds/${guildId}/voice/leave`, { userId }),
    deleteChannel: (channelId) => call("DELETE", `${CONTROL}channels/${channelId}`),
    disconnectBot: (guildId) => call("POST", `${CONTROL}guilds/${guildId}/voice/bot/disconnect`, {}),
    failNext: (method, route, count, status) =>
        call("POST", CONTROL + "faults/fail", { method, route, count, status, code: 0 }),
    latency: (method, route, millis) => call("POST", CONTROL + "faults/latency", { method, route, millis }),
    rateLimitNext: (method, route, retryAfterMillis) =>
        call("POST", CONTROL + "faults/rate-limit", { method, route, retryAfterMillis }),
    clearFaults: () => call("DELETE", CONTROL + "faults"),
    dropGateway: (resumable) => call("POST", CONTROL + "gateway/drop", { resumable }),
    voiceUnreachable: (unreachable) => call("POST", CONTROL + "voice/unreachable", { unreachable }),
};

/**
 * Opens the live feed. `handlers` maps event names to functions of the parsed data; `onState` is told
 * "live" or "reconnecting". The browser reconnects by itself; every (re)connection starts with "hello".
 */
export function openFeed(handlers, onState) {
    const source = new EventSource(CONSOLE + "events");
    for (const [name, handle] of Object.entries(handlers)) {
        source.addEventListener(name, (event) => handle(JSON.parse(event.data)));
    }
    source.addEventListener("open", () => onState("live"));
    source.addEventListener("error", () => onState("reconnecting"));
    return source;
}

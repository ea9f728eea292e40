package dev.voicesession.emulator.voice;

import java.util.List;

/** Opcodes, close codes and constants of Discord's voice gateway v8 that the emulator speaks. */
final class VoiceProtocol {
    static final int GATEWAY_VERSION = 8;

    static final int IDENTIFY = 0;
    static final int SELECT_PROTOCOL = 1;
    static final int READY = 2;
    static final int HEARTBEAT = 3;
    static final int SESSION_DESCRIPTION = 4;
    static final int SPEAKING = 5;
    static final int HEARTBEAT_ACK = 6;
    static final int RESUME = 7;
    static final int HELLO = 8;
    static final int RESUMED = 9;
    static final int CLIENTS_CONNECT = 11;
    static final int CLIENT_DISCONNECT = 13;
    /** First and last DAVE opcode (prepare transition .. MLS invalid commit welcome); received and ignored. */
    static final int DAVE_FIRST = 21;

    static final int DAVE_LAST = 31;

    static final int CLOSE_NORMAL = 1000;
    /** What the server sees when the client's close frame carries no code (JDA's normal close). */
    static final int CLOSE_NO_CODE = 1005;

    static final int CLOSE_UNKNOWN_OPCODE = 4001;
    static final int CLOSE_FAILED_TO_DECODE = 4002;
    static final int CLOSE_NOT_AUTHENTICATED = 4003;
    static final int CLOSE_AUTHENTICATION_FAILED = 4004;
    static final int CLOSE_ALREADY_AUTHENTICATED = 4005;
    static final int CLOSE_SESSION_NO_LONGER_VALID = 4006;
    static final int CLOSE_UNKNOWN_PROTOCOL = 4012;
    static final int CLOSE_DISCONNECTED = 4014;
    static final int CLOSE_UNKNOWN_ENCRYPTION_MODE = 4016;

    /** The transport encryption modes offered in READY, preferred first (the two JDA 6 supports). */
    static final List<String> ENCRYPTION_MODES = List.of("aead_aes256_gcm_rtpsize", "aead_xchacha20_poly1305_rtpsize");

    /** DAVE is not negotiated: SESSION_DESCRIPTION always says version 0 (transport encryption only). */
    static final int DAVE_PROTOCOL_VERSION = 0;

    /** IP discovery packets are 74 bytes: type (2), length (2), ssrc (4), address (64), port (2). */
    static final int IP_DISCOVERY_LENGTH = 74;

    static final int IP_DISCOVERY_REQUEST = 1;
    static final int IP_DISCOVERY_RESPONSE = 2;
    static final int IP_DISCOVERY_ADDRESS_LENGTH = 64;
    /** JDA's UDP keep-alive is 0xC9 followed by eight zero bytes. */
    static final byte UDP_KEEP_ALIVE_MARKER = (byte) 0xC9;

    static final int RTP_HEADER_LENGTH = 12;

    private VoiceProtocol() {}
}

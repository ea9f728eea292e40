package dev.voicesession.emulator.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * Discord's {@code zlib-stream} transport compression: one zlib context per connection, each payload
 * flushed with {@code Z_SYNC_FLUSH} so it ends with {@code 00 00 FF FF}. Not thread-safe.
 */
final class ZlibStream {
    private final Deflater deflater = new Deflater();
    private final byte[] buffer = new byte[8192];

    byte[] compress(String payload) {
        deflater.setInput(payload.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int written;
        do {
            written = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, written);
        } while (written == buffer.length);
        return out.toByteArray();
    }

    void close() {
        deflater.end();
    }
}

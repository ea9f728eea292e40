package dev.voicesession.voice.reliability.process;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeIT {
    @TempDir
    Path dir;

    @Test
    void probe() throws Exception {
        try (ProcessWorld world = new ProcessWorld(dir)) {
            world.control.addDispatchListener(d -> { if (d.type().startsWith("VOICE") || d.type().startsWith("CHANNEL")) System.out.println("DISPATCH " + d.nanoTime() + " " + d.type() + " " + d.data()); });
            world.emulator.voiceServer().addListener((c, p) -> System.out.println("VOICE " + System.nanoTime() + " " + p + " -> " + c.state()));
            world.control.addRequestListener(r -> System.out.println("REQ " + r.arrivedNanos() + " " + r.method() + " " + r.route() + " " + r.status() + " " + r.requestBody()));
            world.startHost();
            System.out.println("STARTUP " + world.startups());
            long mark = world.messageMark();
            world.say(world.alice, "!voice");
            world.awaitBotText(mark, "Join <#", Duration.ofSeconds(20));
            var ch = world.sessionChannel(world.alice).orElseThrow();
            world.joinVoice(world.alice, ch.id());
            world.awaitBotText(mark, "Voice session active", Duration.ofSeconds(20));
            world.say(world.alice, "!voice close");
            world.awaitBotText(mark, "Voice session ended", Duration.ofSeconds(20));
            System.out.println("VIOLATIONS " + world.violationsAtRest());
            long t = System.nanoTime();
            int code = world.host.terminate(Duration.ofSeconds(20));
            System.out.println("EXIT " + code + " in " + (System.nanoTime() - t) / 1_000_000 + " ms");
            world.startHost();
            System.out.println("STARTUP " + world.startups());
            world.host.kill();
        }
    }
}

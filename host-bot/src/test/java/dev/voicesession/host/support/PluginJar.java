package dev.voicesession.host.support;

import dev.voicesession.api.BotPlugin;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import net.dv8tion.jda.api.JDA;
import org.pf4j.Plugin;
import org.slf4j.Logger;

/**
 * Writes a real PF4J plugin jar for a test: compiles the given Java sources against the plugin API,
 * then packs the classes with a plugin manifest and an {@code META-INF/extensions.idx}.
 *
 * <pre>{@code
 * Path jar = PluginJar.builder(dir.resolve("hello.jar"), "hello")
 *         .pluginClass("test.hello.HelloPlugin")
 *         .source("test.hello.HelloPlugin", "package test.hello; ...")
 *         .extension("test.hello.HelloCommand")
 *         .build();
 * }</pre>
 */
public final class PluginJar {

    private final Path jar;
    private final String pluginId;
    private String requires = ">=2.0.0 & <3.0.0";
    private String pluginClass;
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final List<String> extensions = new ArrayList<>();

    private PluginJar(Path jar, String pluginId) {
        this.jar = jar;
        this.pluginId = pluginId;
    }

    /**
     * Starts a jar.
     *
     * @param jar where to write it
     * @param pluginId its {@code Plugin-Id}
     * @return the builder
     */
    public static PluginJar builder(Path jar, String pluginId) {
        return new PluginJar(jar, pluginId);
    }

    /**
     * Sets {@code Plugin-Requires}; {@code null} leaves it out.
     *
     * @param requirement a version range such as {@code >=1.0.0}
     * @return this builder
     */
    public PluginJar requires(String requirement) {
        this.requires = requirement;
        return this;
    }

    /**
     * Sets {@code Plugin-Class}.
     *
     * @param className the plugin's class
     * @return this builder
     */
    public PluginJar pluginClass(String className) {
        this.pluginClass = className;
        return this;
    }

    /**
     * Adds a class to compile.
     *
     * @param className its binary name
     * @param source its Java source
     * @return this builder
     */
    public PluginJar source(String className, String source) {
        sources.put(className, source);
        return this;
    }

    /**
     * Lists a class in {@code META-INF/extensions.idx}.
     *
     * @param className the extension's class
     * @return this builder
     */
    public PluginJar extension(String className) {
        extensions.add(className);
        return this;
    }

    /**
     * Compiles and writes the jar.
     *
     * @return the jar's path
     * @throws IOException if a file cannot be written
     */
    public Path build() throws IOException {
        Path classes = Files.createTempDirectory(jar.getParent(), pluginId + "-classes");
        compile(classes);
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue("Plugin-Id", pluginId);
        attributes.putValue("Plugin-Version", "1.0.0");
        if (pluginClass != null) {
            attributes.putValue("Plugin-Class", pluginClass);
        }
        if (requires != null) {
            attributes.putValue("Plugin-Requires", requires);
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            if (!extensions.isEmpty()) {
                out.putNextEntry(new JarEntry("META-INF/extensions.idx"));
                out.write((String.join("\n", extensions) + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String name = classes.relativize(file).toString().replace('\\', '/');
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
        }
        return jar;
    }

    private void compile(Path classes) throws IOException {
        if (sources.isEmpty()) {
            return;
        }
        Path sourceDir = Files.createTempDirectory(jar.getParent(), pluginId + "-sources");
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = sourceDir.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            files.add(file.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of(
                "-d", classes.toString(), "-classpath", hostClasspath(), "-proc:none", "-nowarn"));
        arguments.addAll(files);
        StringWriter errors = new StringWriter();
        OutputStream discard = OutputStream.nullOutputStream();
        int status = compiler.run(null, discard, new WriterOutputStream(errors), arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("Test plugin '" + pluginId + "' does not compile:\n" + errors);
        }
    }

    /** The jars a plugin compiles against: the plugin API and what the host provides. */
    private static String hostClasspath() {
        return Stream.of(BotPlugin.class, Plugin.class, JDA.class, Logger.class)
                .map(PluginJar::location)
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the jar of " + type.getName(), e);
        }
    }

    /** Collects the compiler's error output as text. */
    private static final class WriterOutputStream extends OutputStream {
        private final StringWriter target;

        WriterOutputStream(StringWriter target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            target.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            target.write(new String(bytes, offset, length, StandardCharsets.UTF_8));
        }
    }
}

package dev.voicesession.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this plugin API.
 *
 * <p>The host passes {@link #VERSION} to PF4J as its system version. A plugin declares the API
 * versions it works with in its manifest as {@code Plugin-Requires} (for example {@code >=1.0.0 &
 * <2.0.0}); PF4J refuses to start a plugin whose requirement the host does not satisfy.
 */
public final class PluginApi {

    /** This API's semantic version, for example {@code 1.0.0}. */
    public static final String VERSION = readVersion();

    private PluginApi() {}

    private static String readVersion() {
        try (InputStream in = PluginApi.class.getResourceAsStream("plugin-api.properties")) {
            if (in == null) {
                throw new IllegalStateException("plugin-api.properties is missing from the plugin-api jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read plugin-api.properties", e);
        }
    }
}

package dev.voicesession.host.jda;

import dev.voicesession.api.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A TLS context that trusts exactly the certificates of one PEM file ({@code discord.trustCertificate}),
 * for a host that talks to a standalone emulator with a self-signed certificate. It trusts nothing
 * else, so it is never meant for real Discord.
 *
 * @param sslContext the context
 * @param trustManager its trust manager, which OkHttp needs alongside the socket factory
 */
public record TrustedCertificate(SSLContext sslContext, X509TrustManager trustManager) {

    /**
     * Reads the certificates of a PEM file.
     *
     * @param pem the file
     * @param source the configuration file, for errors
     * @return the TLS context trusting them
     * @throws ConfigException if the file holds no readable certificate
     */
    public static TrustedCertificate load(Path pem, String source) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new ConfigException(source, "discord.trustCertificate", "file '" + pem
                        + "' holds no certificate; give the emulator's PEM certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("trusted-" + index++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            X509TrustManager trustManager = null;
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    trustManager = x509;
                }
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager}, null);
            return new TrustedCertificate(context, trustManager);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(source, "discord.trustCertificate", "file '" + pem + "' cannot be read as a PEM"
                    + " certificate (" + e.getMessage() + "); give the emulator's PEM certificate");
        }
    }
}

package dev.tusk.internal.auth;

import java.io.IOException;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;

/**
 * The {@code tls-server-end-point} channel binding data of RFC 5929 section 4.1: the hash of the
 * server's DER certificate, computed with the hash function of the certificate's signature
 * algorithm, except that MD5 and SHA-1 are replaced by SHA-256. PostgreSQL computes the same
 * value on its side; a certificate whose signature algorithm names no hash (Ed25519, Ed448)
 * cannot be bound to, on either side.
 */
final class TlsServerEndPoint {

    private TlsServerEndPoint() {
    }

    /** The channel binding data for {@code certificate}. */
    static byte[] hash(X509Certificate certificate) {
        String digest = digestAlgorithm(certificate);
        try {
            return MessageDigest.getInstance(digest).digest(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new AuthenticationException("cannot encode the server certificate for channel binding", e);
        } catch (NoSuchAlgorithmException e) {
            throw new AuthenticationException("cannot compute the server certificate hash for channel binding: "
                    + "the Java runtime has no " + digest + " digest", e);
        }
    }

    /** The JCA digest name to hash {@code certificate} with. */
    static String digestAlgorithm(X509Certificate certificate) {
        String signatureAlgorithm = certificate.getSigAlgName();
        String name = signatureAlgorithm.toUpperCase(Locale.ROOT);
        if (name.equals("RSASSA-PSS")) {
            return strengthen(pssDigest(certificate.getSigAlgParams()));
        }
        int with = name.indexOf("WITH");
        if (with > 0) {
            String digest = standardName(name.substring(0, with));
            if (digest != null) {
                return strengthen(digest);
            }
        }
        throw new AuthenticationException("channel binding is not possible with this server certificate: "
                + "its signature algorithm " + signatureAlgorithm + " names no hash function (RFC 5929)");
    }

    /** "SHA256" becomes "SHA-256"; null for a prefix that names no hash we know. */
    private static String standardName(String prefix) {
        switch (prefix) {
            case "MD5":
                return "MD5";
            case "SHA1":
            case "SHA-1":
                return "SHA-1";
            case "SHA224":
            case "SHA-224":
                return "SHA-224";
            case "SHA256":
            case "SHA-256":
                return "SHA-256";
            case "SHA384":
            case "SHA-384":
                return "SHA-384";
            case "SHA512":
            case "SHA-512":
                return "SHA-512";
            case "SHA512/224":
            case "SHA-512/224":
                return "SHA-512/224";
            case "SHA512/256":
            case "SHA-512/256":
                return "SHA-512/256";
            case "SHA3-224":
            case "SHA3-256":
            case "SHA3-384":
            case "SHA3-512":
                return prefix;
            default:
                return null;
        }
    }

    /**
     * The hash named in RSASSA-PSS parameters. Absent parameters mean the RFC 4055 default,
     * SHA-1.
     */
    private static String pssDigest(byte[] encodedParameters) {
        if (encodedParameters == null) {
            return "SHA-1";
        }
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("RSASSA-PSS");
            parameters.init(encodedParameters);
            String digest = parameters.getParameterSpec(PSSParameterSpec.class).getDigestAlgorithm();
            String standard = standardName(digest.toUpperCase(Locale.ROOT));
            return standard != null ? standard : digest;
        } catch (GeneralSecurityException | IOException e) {
            throw new AuthenticationException("channel binding is not possible with this server certificate: "
                    + "cannot read the hash function from its RSASSA-PSS parameters", e);
        }
    }

    /** RFC 5929: MD5 and SHA-1 are replaced by SHA-256. */
    private static String strengthen(String digest) {
        return digest.equals("MD5") || digest.equals("SHA-1") ? "SHA-256" : digest;
    }
}

package dev.tusk.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Expected hashes come from {@code openssl x509 -outform der | openssl dgst -<hash> -binary | base64}.
 */
class TlsServerEndPointTest {

    private static final String ECDSA_SHA384 = """
            -----BEGIN CERTIFICATE-----
            MIIBjzCCATWgAwIBAgIUN+GyQFhLW+MT0O8pF8RJaG4TxxQwCgYIKoZIzj0EAwMw
            HDEaMBgGA1UEAwwRdHVzay1lY2RzYS1zaGEzODQwIBcNMjYxMTI1MjEzMzIwWhgP
            MjEyNjExMDEyMTMzMjBaMBwxGjAYBgNVBAMMEXR1c2stZWNkc2Etc2hhMzg0MFkw
            EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEUKo57dHCHEkacXhLfVy0MDeUjMdEPm7l
            RBIWFwzMLHeuYG8vX/TtOvra6mYmdDrw5RG0IICwesnLSmTruZIaY6NTMFEwHQYD
            VR0OBBYEFODAkJZqMwdj7tX/Jddt0XioSGneMB8GA1UdIwQYMBaAFODAkJZqMwdj
            7tX/Jddt0XioSGneMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwMDSAAwRQIh
            AN3BpkbxQrj3v8Ka9XGTSju74uX6uUPROOAFP3uA4Gl1AiB/0f9nlkS0rW3k6kzs
            j7qJMyLjwaaRsvwKEjRnLv/8IA==
            -----END CERTIFICATE-----
            """;

    private static final String ECDSA_SHA1 = """
            -----BEGIN CERTIFICATE-----
            MIIBiTCCATCgAwIBAgIUIRsfTDXsrIB3jCnGou4M/EB+/fkwCQYHKoZIzj0EATAa
            MRgwFgYDVQQDDA90dXNrLWVjZHNhLXNoYTEwIBcNMjYxMTI1MjEzMzIwWhgPMjEy
            NjExMDEyMTMzMjBaMBoxGDAWBgNVBAMMD3R1c2stZWNkc2Etc2hhMTBZMBMGByqG
            SM49AgEGCCqGSM49AwEHA0IABF+aK5ZTSruXNIbDsdc3kgN7EwwILxZEbZ+13LJo
            oKOPHZyT5/LngYvq3BlG2V3WFg2yEdPAqao3TxvOBYi7pfajUzBRMB0GA1UdDgQW
            BBRIy2fmXqfAVyBMtDFr6kePr2xHujAfBgNVHSMEGDAWgBRIy2fmXqfAVyBMtDFr
            6kePr2xHujAPBgNVHRMBAf8EBTADAQH/MAkGByqGSM49BAEDSAAwRQIgLOQ8Xw63
            57DRP7xpONOVEtG74w5pkx01CGcB+KRQxTACIQDNWmKT+Gg1pPZCaW+ePVO1mxko
            l67u+IUmnUWc6muGbA==
            -----END CERTIFICATE-----
            """;

    private static final String RSASSA_PSS_SHA384 = """
            -----BEGIN CERTIFICATE-----
            MIICeDCCAa2gAwIBAgIUVmSEURs3v7fU5ngJjzKMTz3FICkwQQYJKoZIhvcNAQEK
            MDSgDzANBglghkgBZQMEAgIFAKEcMBoGCSqGSIb3DQEBCDANBglghkgBZQMEAgIF
            AKIDAgEgMBoxGDAWBgNVBAMMD3R1c2stcHNzLXNoYTM4NDAgFw0yNjExMjUyMTMz
            MjRaGA8yMTI2MTEwMTIxMzMyNFowGjEYMBYGA1UEAwwPdHVzay1wc3Mtc2hhMzg0
            MIGdMAsGCSqGSIb3DQEBCgOBjQAwgYkCgYEApDLOjY7cYH3SoeeoL+sNgzQYp/Bx
            G+OYucvzPwUcoX1KanfxrQ+VGplNlAHvd8R+0u6nj/xTOYJr7fi0jdsDDK4Mh7vn
            IN+ybbdo53tHN4XFxUnX6MGzNhsOild+eUnpZ6ypYLSw3gQVGNibDCMSGYFf3VFq
            D2vf/sk/foNyIjECAwEAAaNTMFEwHQYDVR0OBBYEFFT2zauNlOTnJkBPYwGtwW30
            R9oVMB8GA1UdIwQYMBaAFFT2zauNlOTnJkBPYwGtwW30R9oVMA8GA1UdEwEB/wQF
            MAMBAf8wQQYJKoZIhvcNAQEKMDSgDzANBglghkgBZQMEAgIFAKEcMBoGCSqGSIb3
            DQEBCDANBglghkgBZQMEAgIFAKIDAgEgA4GBADPZzt0qEvSe1Xs+Gbk2AJZF5AV6
            Szx2+KRxzFl2KtdC65wsFodRH/hgZkJopZEYgT0NkQ35rv0BB9nIDnU2oJstKiyu
            xobu16HvIywU8CQUf9ZZVK15eL69w91hgTMdn4jbaHU5wdWmJRzqXuorBF5MvyWZ
            m9wWf6vPjX/i7XjK
            -----END CERTIFICATE-----
            """;

    private static final String ED25519 = """
            -----BEGIN CERTIFICATE-----
            MIIBRDCB96ADAgECAhRKkb60pbCkBI8CT6cscwjVfidrPTAFBgMrZXAwFzEVMBMG
            A1UEAwwMdHVzay1lZDI1NTE5MCAXDTI2MTEyNTIxMzMyMFoYDzIxMjYxMTAxMjEz
            MzIwWjAXMRUwEwYDVQQDDAx0dXNrLWVkMjU1MTkwKjAFBgMrZXADIQDzDK7fft/D
            r+mAPvuMvGjfzSWOqTPH0UQsDXsr2I49V6NTMFEwHQYDVR0OBBYEFJ9f0HwA4+hW
            iqJ1/u24J9xHQvGEMB8GA1UdIwQYMBaAFJ9f0HwA4+hWiqJ1/u24J9xHQvGEMA8G
            A1UdEwEB/wQFMAMBAf8wBQYDK2VwA0EAqIMN6uROw83tYFHpbdQNGJQT+a/hgJLo
            iVO/g2wH6XCEoy0xP5YHrpEEh/E1FlmlXpD0qRHMlxA2RnrxvItOAQ==
            -----END CERTIFICATE-----
            """;

    @Test
    void ecdsaWithSha384CertificateIsHashedWithSha384() {
        assertThat(hash(ECDSA_SHA384)).isEqualTo("hbwC+BE+yod+rOlTyNY/u/tqbWd8Adx0bhEGDkJi9mQYdKKExd9TIN+/8FYAmJDb");
    }

    @Test
    void sha1SignedCertificateIsHashedWithSha256() {
        assertThat(hash(ECDSA_SHA1)).isEqualTo("fFSRJJT3yyarEgtfo6vJoYIZtq/feP3k8k6CxzRGj1c=");
    }

    @Test
    void rsassaPssCertificateIsHashedWithTheHashInItsParameters() {
        assertThat(hash(RSASSA_PSS_SHA384))
                .isEqualTo("9Ap87X29o0LmK4WEMRYzcTG9+tAStjcIom5+qKgrbfdy3SLKU4Bi2zoC02UwHLUZ");
    }

    @Test
    void certificateWhoseSignatureNamesNoHashCannotBeBoundTo() {
        assertThatThrownBy(() -> ScramSha256Client.tlsServerEndPointHash(certificate(ED25519)))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Ed25519")
                .hasMessageContaining("names no hash function");
    }

    private static String hash(String pem) {
        return Base64.getEncoder().encodeToString(ScramSha256Client.tlsServerEndPointHash(certificate(pem)));
    }

    private static X509Certificate certificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new AssertionError(e);
        }
    }
}

package dev.tusk.testkit;

/**
 * How a {@link TempCluster} authenticates TCP connections, i.e. the method written into the
 * {@code host} lines of {@code pg_hba.conf}. Connections over the Unix socket are always trusted.
 */
public enum AuthMethod {
    /** No authentication: any role may connect without a password. */
    TRUST("trust"),
    /** The password is sent in clear text (meant to be used over SSL). */
    PASSWORD("password"),
    /** MD5 challenge-response; the role's password is stored as an MD5 verifier. */
    MD5("md5"),
    /** SCRAM-SHA-256 (SASL); the role's password is stored as a SCRAM verifier. */
    SCRAM_SHA_256("scram-sha-256"),
    /**
     * Client certificate: the connection must use SSL and present a certificate signed by the
     * cluster's CA whose common name is the role name. Implies {@code ssl(true)}.
     */
    CERT("cert");

    private final String hbaKeyword;

    AuthMethod(String hbaKeyword) {
        this.hbaKeyword = hbaKeyword;
    }

    /**
     * Returns the keyword PostgreSQL uses for this method in {@code pg_hba.conf}.
     *
     * @return for example {@code "scram-sha-256"}
     */
    public String hbaKeyword() {
        return hbaKeyword;
    }
}

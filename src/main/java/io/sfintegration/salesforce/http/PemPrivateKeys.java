package io.sfintegration.salesforce.http;

import io.sfintegration.salesforce.CredentialsException;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import java.io.StringReader;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;

/** Reads an RSA private key from PEM, in PKCS#8 or PKCS#1 form. */
final class PemPrivateKeys {

    private PemPrivateKeys() {
    }

    /** @param where names the Secret and key, for the error message (never the key itself) */
    static PrivateKey parse(String pem, String where) {
        Object parsed;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            parsed = parser.readObject();
        } catch (Exception e) {
            // the parser's message may quote key material: do not chain it
            throw invalid(where);
        }
        PrivateKey key;
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (parsed instanceof PrivateKeyInfo info) {
                key = converter.getPrivateKey(info);
            } else if (parsed instanceof PEMKeyPair pair) {
                key = converter.getKeyPair(pair).getPrivate();
            } else {
                throw invalid(where);
            }
        } catch (CredentialsException e) {
            throw e;
        } catch (Exception e) {
            throw invalid(where);
        }
        if (!(key instanceof RSAPrivateKey)) {
            throw new CredentialsException("InvalidCredentials", where + " does not hold an RSA private key (RS256 needs one)");
        }
        return key;
    }

    private static CredentialsException invalid(String where) {
        return new CredentialsException("InvalidCredentials",
                where + " does not hold an unencrypted PEM RSA private key (PKCS#8 or PKCS#1)");
    }
}

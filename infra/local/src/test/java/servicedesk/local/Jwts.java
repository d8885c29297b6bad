package servicedesk.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.RSAPrivateKeySpec;
import java.util.Base64;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import servicedesk.format.Json;

/**
 * Access tokens made by hand, to prove what the console refuses: the emulator's user pool signs with moto's
 * published test key, so a test can sign with it too (an expired token, a good one as the control); any other
 * key makes a forgery.
 */
final class Jwts {
    private Jwts() {
    }

    /** The claims of a token the pool issued (its signature is not checked here). */
    static ObjectNode claims(String token) throws IOException {
        return (ObjectNode) Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    static String sign(ObjectNode claims, PrivateKey key) throws GeneralSecurityException {
        String header = encode("{\"typ\":\"JWT\",\"kid\":\"dummy\",\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
        String body = encode(claims.toString().getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
        return header + "." + body + "." + encode(signer.sign());
    }

    /** moto's user-pool signing key, from the project's .venv (infra/python-tools installs it). */
    static PrivateKey motoKey() throws IOException, GeneralSecurityException {
        Path lib = ProjectRoot.find().resolve(".venv/lib");
        Path file;
        try (Stream<Path> found = Files.find(lib, 6, (path, attributes) -> path.endsWith("cognitoidp/resources/jwks-private.json.gz"))) {
            file = found.findFirst().orElseThrow(() -> new AssertionError("moto's jwks-private.json.gz not found under " + lib));
        }
        JsonNode jwk;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            jwk = Json.MAPPER.readTree(in);
        }
        if (jwk.has("keys")) {
            jwk = jwk.path("keys").get(0);
        }
        return KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateKeySpec(
                new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("n").asText())),
                new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("d").asText()))));
    }

    static PrivateKey anotherKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPrivate();
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

package org.roadmapsync.config;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GitHub App's RSA private key, read from PEM: PKCS#1 ({@code BEGIN RSA PRIVATE KEY}, what GitHub
 * hands out) or PKCS#8 ({@code BEGIN PRIVATE KEY}, what {@code openssl pkey} writes). A secret:
 * {@link #toString()} never shows it, and a parse failure says what is wrong, never what was given.
 */
public final class AppPrivateKey {

  private static final Pattern PEM =
      Pattern.compile(
          "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----",
          Pattern.DOTALL);

  /** DER of AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  private final RSAPrivateKey key;

  private AppPrivateKey(RSAPrivateKey key) {
    this.key = key;
  }

  /**
   * @param pem the PEM text; literal {@code \n} sequences count as line breaks (an environment
   *     variable often carries the key on one line)
   * @throws IllegalArgumentException saying what is wrong with it, without quoting it
   */
  public static AppPrivateKey fromPem(String pem) {
    Matcher m = PEM.matcher(pem.replace("\\n", "\n"));
    if (!m.find()) {
      throw new IllegalArgumentException(
          "no PEM block (-----BEGIN RSA PRIVATE KEY----- … -----END RSA PRIVATE KEY-----) found");
    }
    String type = m.group(1);
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(m.group(2));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the PEM block is not valid base64");
    }
    byte[] pkcs8 =
        switch (type) {
          case "RSA PRIVATE KEY" -> pkcs8Of(der);
          case "PRIVATE KEY" -> der;
          case "ENCRYPTED PRIVATE KEY" ->
              throw new IllegalArgumentException(
                  "an encrypted key: decrypt it first (openssl pkey -in key.pem -out plain.pem)");
          default ->
              throw new IllegalArgumentException(
                  "a PEM block of type '" + type + "', not an RSA private key");
        };
    try {
      var parsed = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      return new AppPrivateKey((RSAPrivateKey) parsed);
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException("the PEM block does not hold a readable RSA private key");
    }
  }

  /** For signing only. */
  public RSAPrivateKey key() {
    return key;
  }

  /**
   * The public half, when the key carries it (both PEM forms do): what GitHub and the simulator
   * verify the App's JWTs with.
   */
  public RSAPublicKey publicKey() {
    if (!(key instanceof RSAPrivateCrtKey crt)) {
      throw new IllegalStateException("the key does not carry its public exponent");
    }
    try {
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA")
              .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK always has RSA", e);
    }
  }

  /**
   * PKCS#1's RSAPrivateKey wrapped as PKCS#8's PrivateKeyInfo { version 0, rsaEncryption, OCTET
   * STRING }, the only form the JDK reads: a few bytes of DER rather than a cryptography library.
   */
  static byte[] pkcs8Of(byte[] pkcs1) {
    var info = new ByteArrayOutputStream();
    info.writeBytes(new byte[] {0x02, 0x01, 0x00});
    info.writeBytes(RSA_ALGORITHM);
    info.writeBytes(der(0x04, pkcs1));
    return der(0x30, info.toByteArray());
  }

  /** One DER element: tag, definite length (short or long form), content. */
  private static byte[] der(int tag, byte[] content) {
    var out = new ByteArrayOutputStream();
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  @Override
  public String toString() {
    return "AppPrivateKey[****]";
  }
}

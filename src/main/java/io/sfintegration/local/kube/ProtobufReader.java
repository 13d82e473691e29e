package io.sfintegration.local.kube;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the protobuf wire format field by field: enough to decode the few Kubernetes messages kubectl sends as
 * protobuf, without the generated Kubernetes classes (which no Java library we can use ships).
 */
final class ProtobufReader {

  static final int VARINT = 0;
  static final int FIXED64 = 1;
  static final int LENGTH_DELIMITED = 2;
  static final int FIXED32 = 5;

  private final byte[] bytes;
  private int position;
  private final int end;
  private int tag;

  ProtobufReader(byte[] bytes) {
    this(bytes, 0, bytes.length);
  }

  private ProtobufReader(byte[] bytes, int start, int end) {
    this.bytes = bytes;
    this.position = start;
    this.end = end;
  }

  /** Advances to the next field; false at the end of the message. */
  boolean next() {
    if (position >= end) {
      return false;
    }
    tag = (int) varint();
    return true;
  }

  int field() {
    return tag >>> 3;
  }

  int wireType() {
    return tag & 7;
  }

  long varint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position >= end) {
        throw new IllegalArgumentException("truncated varint");
      }
      byte b = bytes[position++];
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return result;
      }
    }
    throw new IllegalArgumentException("malformed varint");
  }

  byte[] bytes() {
    int length = length();
    byte[] value = Arrays.copyOfRange(bytes, position, position + length);
    position += length;
    return value;
  }

  String string() {
    int length = length();
    String value = new String(bytes, position, length, StandardCharsets.UTF_8);
    position += length;
    return value;
  }

  /** The embedded message of the current (length-delimited) field. */
  ProtobufReader message() {
    int length = length();
    ProtobufReader nested = new ProtobufReader(bytes, position, position + length);
    position += length;
    return nested;
  }

  void skip() {
    switch (wireType()) {
      case VARINT -> varint();
      case FIXED64 -> position += 8;
      case LENGTH_DELIMITED -> {
        int length = length(); // read first: "position += length()" would add to the position before the length
        position += length;
      }
      case FIXED32 -> position += 4;
      default -> throw new IllegalArgumentException("unsupported wire type " + wireType());
    }
    if (position > end) {
      throw new IllegalArgumentException("truncated field");
    }
  }

  private int length() {
    long length = varint();
    if (length < 0 || position + length > end) {
      throw new IllegalArgumentException("truncated length-delimited field");
    }
    return (int) length;
  }
}

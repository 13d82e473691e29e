package io.sfintegration.local.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** One step of what an API server does to a write between decoding it and storing it: defaulting, validation. */
interface Admission {

  /**
   * Defaults {@code object} in place and returns the validation errors (empty: admitted).
   *
   * @param old the stored object on updates (for transition rules), null on create
   */
  List<FieldError> admit(ResourcePath path, JsonNode old, ObjectNode object);
}

package io.sfintegration.local.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The CRDs the build copies from {@code crds/} onto the classpath; the single source of every discovery document. */
public final class BundledCrds {

  /** Resource names under {@code crds/} on the classpath (the pom copies the committed, generated files there). */
  static final List<String> RESOURCES = List.of(
      "crds/salesforceorgs.sfintegration.io-v1.yml",
      "crds/clustersalesforceorgs.sfintegration.io-v1.yml",
      "crds/permissionsets.sfintegration.io-v1.yml",
      "crds/permissionsetgroups.sfintegration.io-v1.yml",
      "crds/integrationusers.sfintegration.io-v1.yml");

  private BundledCrds() {
  }

  public static List<CustomResourceDefinition> load() {
    List<CustomResourceDefinition> crds = new ArrayList<>();
    ClassLoader loader = BundledCrds.class.getClassLoader();
    for (String name : RESOURCES) {
      try (InputStream in = loader.getResourceAsStream(name)) {
        if (in == null) {
          throw new IllegalStateException("CRD not on the classpath: " + name);
        }
        crds.add(Serialization.unmarshal(in, CustomResourceDefinition.class));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return List.copyOf(crds);
  }
}

package io.sfintegration.controller.ownership;

/** How a Salesforce record came under a resource's management; only what the operator created may ever be deleted. */
public enum Origin {
    /** The operator created it for this resource. */
    Created,
    /** It existed and was taken over deliberately (spec.adoption: IfUnmanaged). */
    Adopted
}

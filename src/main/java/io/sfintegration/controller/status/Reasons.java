package io.sfintegration.controller.status;

/** CamelCase condition reasons: each names a state a person can act on. */
public final class Reasons {
    public static final String AVAILABLE = "Available";
    /** Ready=True and Synced=True under managementPolicy Observe: the record was read, nothing was written. */
    public static final String OBSERVED = "Observed";
    /** Ready=False under Observe: there is no such record in Salesforce, and Observe will not create it. */
    public static final String NOT_FOUND_IN_SALESFORCE = "NotFoundInSalesforce";
    /** Planned=True: status.plan lists changes. */
    public static final String CHANGES_PLANNED = "ChangesPlanned";
    /** Planned=False: Salesforce matches the spec. */
    public static final String NO_CHANGES = "NoChanges";
    /** Unused=True: no login for spec.unusedAfter (or never). */
    public static final String NOT_LOGGED_IN_RECENTLY = "NotLoggedInRecently";
    /** Unused=False. */
    public static final String LOGGED_IN_RECENTLY = "LoggedInRecently";
    public static final String RECONCILE_SUCCESS = "ReconcileSuccess";
    public static final String RECONCILE_ERROR = "ReconcileError";
    public static final String INVALID_SPEC = "InvalidSpec";
    public static final String ORG_NOT_READY = "OrgNotReady";
    public static final String ORG_NOT_FOUND = "OrgNotFound";
    /** A ClusterSalesforceOrg whose spec.allowedNamespaces does not allow the resource's namespace. */
    public static final String NAMESPACE_NOT_ALLOWED = "NamespaceNotAllowed";
    public static final String SECRET_NOT_FOUND = "SecretNotFound";
    public static final String INVALID_CREDENTIALS = "InvalidCredentials";
    public static final String AUTHENTICATION_FAILED = "AuthenticationFailed";
    public static final String UNREACHABLE = "Unreachable";
    public static final String API_LIMIT_EXCEEDED = "ApiLimitExceeded";
    /** A SalesforceOrg URL that may not receive credentials (not https on Salesforce's domains, not listed). */
    public static final String UNTRUSTED_URL = "UntrustedUrl";
    /** A resource asks for more than its org's spec.policy allows; nothing is written to Salesforce. */
    public static final String POLICY_VIOLATION = "PolicyViolation";
    public static final String LICENSE_LIMIT_EXCEEDED = "LicenseLimitExceeded";
    public static final String CONFLICT = "Conflict";
    public static final String ADOPTION_REFUSED = "AdoptionRefused";
    /** A SalesforceOrg that now reaches another org (its org id changed) while resources use it. */
    public static final String ORG_IDENTITY_CHANGED = "OrgIdentityChanged";
    /** A SalesforceOrg being deleted waits for the resources that still use it. */
    public static final String IN_USE = "InUse";
    /** A deleted resource whose retirement in Salesforce is not finished; retried with backoff. */
    public static final String RETIREMENT_PENDING = "RetirementPending";
    /** A create whose answer was lost: the next reconcile looks for what it made before sending anything again. */
    public static final String OUTCOME_UNKNOWN = "OutcomeUnknown";
    /** A reconcile used its stated budget of Salesforce calls (README "API call budget"); retried with backoff. */
    public static final String CALL_BUDGET_EXCEEDED = "CallBudgetExceeded";
    public static final String PROFILE_NOT_ALLOWED = "ProfileNotAllowed";
    public static final String PROFILE_NOT_FOUND = "ProfileNotFound";
    public static final String LICENSE_NOT_FOUND = "LicenseNotFound";
    /** A connected app, Apex class or custom permission the spec names does not exist in the org. */
    public static final String NOT_FOUND = "NotFound";
    /** Ready=False while Salesforce recalculates a permission set group (its Status is Updating or Outdated). */
    public static final String RECALCULATING = "Recalculating";
    /** Ready=False: Salesforce could not recalculate a permission set group (its Status is Failed). */
    public static final String RECALCULATION_FAILED = "RecalculationFailed";
    public static final String PERMISSION_SET_NOT_READY = "PermissionSetNotReady";
    public static final String PERMISSION_SET_NOT_FOUND = "PermissionSetNotFound";
    public static final String USERNAME_TAKEN = "UsernameTaken";
    public static final String REJECTED_BY_SALESFORCE = "RejectedBySalesforce";
    public static final String DELETING = "Deleting";
    public static final String WAITING_FOR_UNASSIGNMENT = "WaitingForUnassignment";
    public static final String NO_DRIFT = "NoDrift";
    public static final String DRIFT_DETECTED = "DriftDetected";
    public static final String DRIFT_CORRECTED = "DriftCorrected";
    /** Drifted=True: a person removed access in Salesforce; not restored unless spec.drift.restoreAccess is true. */
    public static final String ACCESS_REMOVED_IN_SALESFORCE = "AccessRemovedInSalesforce";

    private Reasons() {
    }
}

-- Argo CD health check for sfintegration.io SalesforceOrg, ClusterSalesforceOrg, PermissionSet, PermissionSetGroup and IntegrationUser.
-- Healthy: condition Ready=True for the current metadata.generation.
-- Progressing: no status yet, status for an older generation, Ready=Unknown, or Ready=False with a waiting reason.
-- Degraded: Ready=False with a reason a person must act on (the condition's message explains what to fix).
-- The two tables list every reason the operator puts on Ready=False (Reasons.java); a test keeps them in step.
local hs = {}

-- waiting for a seat, an org, a dependency, Salesforce or the outcome of a write: resolves without a change in Git
local progressing = {
  ApiLimitExceeded = true,
  CallBudgetExceeded = true,
  InUse = true,
  LicenseLimitExceeded = true,
  OrgNotReady = true,
  OutcomeUnknown = true,
  PermissionSetNotReady = true,
  Recalculating = true,
  RetirementPending = true,
  Unreachable = true,
  WaitingForUnassignment = true
}

-- a policy violation, a conflict, a refusal or bad credentials: someone has to change the spec, a Secret or the org
local degraded = {
  AdoptionRefused = true,
  AuthenticationFailed = true,
  Conflict = true,
  InvalidCredentials = true,
  InvalidSpec = true,
  LicenseNotFound = true,
  NamespaceNotAllowed = true,
  NotFound = true,
  NotFoundInSalesforce = true,
  OrgIdentityChanged = true,
  PermissionSetNotFound = true,
  ProfileNotAllowed = true,
  ProfileNotFound = true,
  RecalculationFailed = true,
  RejectedBySalesforce = true,
  SecretNotFound = true,
  PolicyViolation = true,
  UntrustedUrl = true,
  UsernameTaken = true
}

local function describe(condition, fallback)
  local text = condition.message
  if text == nil or text == "" then
    text = fallback
  end
  if condition.reason ~= nil and condition.reason ~= "" then
    return condition.reason .. ": " .. text
  end
  return text
end

if obj.status == nil or obj.status.conditions == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to report status"
  return hs
end

local ready = nil
for _, condition in ipairs(obj.status.conditions) do
  if condition.type == "Ready" then
    ready = condition
  end
end

if ready == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the Ready condition"
  return hs
end

local generation = obj.metadata.generation
local observed = ready.observedGeneration
if observed == nil then
  observed = obj.status.observedGeneration
end
if generation ~= nil and (observed == nil or observed < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to reconcile generation " .. tostring(generation)
  return hs
end

if ready.status == "True" then
  hs.status = "Healthy"
  hs.message = describe(ready, "Ready")
  return hs
end

if ready.status ~= "False" or progressing[ready.reason] then
  hs.status = "Progressing"
  hs.message = describe(ready, "Reconciling")
  return hs
end

hs.status = "Degraded"
if degraded[ready.reason] then
  hs.message = describe(ready, "Not ready")
else
  -- a reason from a newer operator than this check: shown, so that it is not silently taken for progress
  hs.message = describe(ready, "Not ready") .. " (reason not known to this health check)"
end
return hs

-- Argo CD health check for sfintegration.io SalesforceOrg, PermissionSet and IntegrationUser.
-- Healthy: condition Ready=True for the current metadata.generation.
-- Progressing: no status yet, status for an older generation, or Ready=False/Unknown with a transient reason.
-- Degraded: Ready=False with any other reason (the condition's message explains what to fix).
local hs = {}

local transient = {
  Reconciling = true,
  Creating = true,
  Pending = true,
  Deleting = true,
  OrgNotReady = true,
  PermissionSetNotReady = true,
  WaitingForAssignments = true,
  WaitingForUnassignment = true,
  Unreachable = true,
  ApiLimitExceeded = true,
  Conflict = true
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

if ready.status == "False" and not transient[ready.reason] then
  hs.status = "Degraded"
  hs.message = describe(ready, "Not ready")
  return hs
end

hs.status = "Progressing"
hs.message = describe(ready, "Reconciling")
return hs

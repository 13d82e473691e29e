-- Argo CD action discovery for sfintegration.io SalesforceOrg: rescan-drift, while the org is Ready and no rescan is pending.
local actions = {}
local annotations = obj.metadata.annotations or {}
local deleting = obj.metadata.deletionTimestamp ~= nil
local ready = false
if obj.status ~= nil and obj.status.conditions ~= nil then
  for _, condition in ipairs(obj.status.conditions) do
    if condition.type == "Ready" and condition.status == "True" then
      ready = true
    end
  end
end
local rescanRequested = annotations["sfintegration.io/rescan-drift"] ~= nil

actions["rescan-drift"] = {["disabled"] = deleting or not ready or rescanRequested, ["iconClass"] = "fa fa-fw fa-search"}
return actions

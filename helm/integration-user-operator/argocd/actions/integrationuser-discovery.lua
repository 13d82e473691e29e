-- Argo CD action discovery for sfintegration.io IntegrationUser: each action is enabled only when it changes something.
local actions = {}
local spec = obj.spec or {}
local annotations = obj.metadata.annotations or {}
local deleting = obj.metadata.deletionTimestamp ~= nil
local frozen = spec.frozen == true
local active = spec.active ~= false
-- a rescan compares Salesforce with the spec: only once the user exists there, and one request at a time
local created = obj.status ~= nil and obj.status.userId ~= nil
local rescanRequested = annotations["sfintegration.io/rescan-drift"] ~= nil

actions["freeze"] = {["disabled"] = deleting or frozen, ["iconClass"] = "fa fa-fw fa-snowflake"}
actions["unfreeze"] = {["disabled"] = deleting or not frozen, ["iconClass"] = "fa fa-fw fa-sun"}
actions["deactivate"] = {["disabled"] = deleting or not active, ["iconClass"] = "fa fa-fw fa-user-slash"}
actions["activate"] = {["disabled"] = deleting or active, ["iconClass"] = "fa fa-fw fa-user-check"}
actions["rescan-drift"] = {["disabled"] = deleting or not created or rescanRequested, ["iconClass"] = "fa fa-fw fa-search"}
return actions

-- Asks the operator to scan this resource's org for drift now (a full read, not only the change probe). A label, so
-- the operator finds requests with a label selector; it removes the label once the scan has run and reports the
-- outcome in a DriftRescanned Event on this resource.
if obj.metadata.labels == nil then
  obj.metadata.labels = {}
end
obj.metadata.labels["sfintegration.io/rescan-drift"] = os.date("!%Y%m%dT%H%M%SZ")
return obj

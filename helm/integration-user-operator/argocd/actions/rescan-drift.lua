-- Asks the operator to scan this resource's org for drift now (a full read, not only the change probe). The operator
-- removes the annotation once the scan has run and reports the outcome in a DriftRescanned Event on this resource.
if obj.metadata.annotations == nil then
  obj.metadata.annotations = {}
end
obj.metadata.annotations["sfintegration.io/rescan-drift"] = os.date("!%Y%m%dT%H%M%SZ")
return obj

-- Deactivates the Salesforce user, which frees its licence seat. Lasts until activate, or until Git sets spec.active.
obj.spec.active = false
return obj

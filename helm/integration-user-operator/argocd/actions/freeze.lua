-- The user can no longer log in (UserLogin.IsFrozen) but keeps its seat. Lasts until unfreeze, or until Git sets spec.frozen.
obj.spec.frozen = true
return obj

obj.spec.frozen = false
return obj

package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

import java.util.ArrayList;
import java.util.List;

/** The permissions a group's muting permission set switches off for the group's users. */
public class MutedPermissions {

    @JsonPropertyDescription("User permissions to mute, by name without the Permissions prefix (e.g. ViewSetup): granted by a set in the group, they do not reach the group's users.")
    @Size(max = 500)
    private List<@Pattern("^[A-Za-z][A-Za-z0-9]*$") String> userPermissions = new ArrayList<>();

    public MutedPermissions() {
    }

    public MutedPermissions(List<String> userPermissions) {
        setUserPermissions(userPermissions);
    }

    public List<String> getUserPermissions() {
        return userPermissions;
    }

    public void setUserPermissions(List<String> userPermissions) {
        this.userPermissions = userPermissions == null ? new ArrayList<>() : userPermissions;
    }
}

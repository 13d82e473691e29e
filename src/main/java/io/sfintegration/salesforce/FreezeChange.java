package io.sfintegration.salesforce;

public record FreezeChange(String userLoginId, boolean frozen) {
}

package io.sfintegration.httpapi;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Asks the API server, as kube-rbac-proxy and controller-runtime's metrics filter do: a TokenReview says who the
 * token belongs to, then a SubjectAccessReview for that user, groups and extra says whether they may use the
 * non-resource URL with the verb. So access is granted with ordinary RBAC ({@code nonResourceURLs} in a ClusterRole).
 * The operator's ServiceAccount needs {@code create} on tokenreviews and subjectaccessreviews.
 */
public class KubernetesAccessReviewer implements AccessReviewer {

    private final KubernetesClient kubernetes;

    public KubernetesAccessReviewer(KubernetesClient kubernetes) {
        this.kubernetes = kubernetes;
    }

    @Override
    public AccessDecision review(String token, String path, String verb) {
        UserInfo user = authenticate(token);
        if (user == null) {
            return AccessDecision.UNAUTHENTICATED;
        }
        return authorize(user, path, verb) ? AccessDecision.ALLOWED : AccessDecision.FORBIDDEN;
    }

    private UserInfo authenticate(String token) {
        TokenReview review = new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build();
        TokenReview answer;
        try {
            answer = kubernetes.authentication().v1().tokenReviews().create(review);
        } catch (KubernetesClientException e) {
            // the message of a failed create never contains the request body, so the token is not in it
            throw new ReviewUnavailableException("TokenReview failed: HTTP " + e.getCode(), e);
        }
        if (answer == null || answer.getStatus() == null || !Boolean.TRUE.equals(answer.getStatus().getAuthenticated())) {
            return null;
        }
        return answer.getStatus().getUser();
    }

    private boolean authorize(UserInfo user, String path, String verb) {
        SubjectAccessReview review = new SubjectAccessReviewBuilder().withNewSpec()
                .withUser(user.getUsername()).withGroups(user.getGroups()).withUid(user.getUid())
                .withExtra(user.getExtra())
                .withNewNonResourceAttributes().withPath(path).withVerb(verb).endNonResourceAttributes()
                .endSpec().build();
        SubjectAccessReview answer;
        try {
            answer = kubernetes.authorization().v1().subjectAccessReview().create(review);
        } catch (KubernetesClientException e) {
            throw new ReviewUnavailableException("SubjectAccessReview failed: HTTP " + e.getCode(), e);
        }
        return answer != null && answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
    }
}

package io.sfintegration.salesforce.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sfintegration.salesforce.SaveResult;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Records created in the same composite request as their parents (assignments of new users, permission rows of new
 * permission sets), which name their parent by reference ({@code @{users[3].id}}): which parent and position each
 * record belongs to, their results, and sending again, with the parent's real id, those whose collection failed as a
 * whole (a reference to a parent that failed fails the subrequest) or that failed transiently.
 */
final class DependentRecords {

    private final String parentField;
    private final List<int[]> refs = new ArrayList<>();
    private final List<ObjectNode> records = new ArrayList<>();
    private SaveResult[] results = new SaveResult[0];

    /** @param parentField the field naming the parent, e.g. AssigneeId or ParentId */
    DependentRecords(String parentField) {
        this.parentField = parentField;
    }

    static String reference(String collectionRef, int parent) {
        return "@{" + collectionRef + "[" + parent + "].id}";
    }

    void add(int parent, int position, ObjectNode record) {
        refs.add(new int[]{parent, position});
        records.add(record);
    }

    /** The records in collections of at most 200. */
    List<List<ObjectNode>> parts() {
        List<List<ObjectNode>> parts = new ArrayList<>();
        for (int from = 0; from < records.size(); from += RestOperations.COLLECTION_MAX_RECORDS) {
            parts.add(records.subList(from, Math.min(records.size(), from + RestOperations.COLLECTION_MAX_RECORDS)));
        }
        return parts;
    }

    /** Reads the results of {@link #parts()}, sent as consecutive subrequests from {@code first} on. */
    void readResults(List<SubResponse> responses, int first) {
        results = new SaveResult[records.size()];
        int parts = parts().size();
        for (int k = 0; k < parts; k++) {
            SubResponse r = responses.get(first + k);
            int from = k * RestOperations.COLLECTION_MAX_RECORDS;
            int to = Math.min(records.size(), from + RestOperations.COLLECTION_MAX_RECORDS);
            if (r.ok() && r.body().size() == to - from) {
                for (int i = from; i < to; i++) {
                    results[i] = JsonRecords.saveResult(r.body().get(i - from));
                }
            }   // else left null: sent again
        }
    }

    /** Creates every record in collections; for records that already carry their parent's real id. */
    void createAll(Function<List<ObjectNode>, List<SaveResult>> create) {
        results = records.isEmpty() ? new SaveResult[0] : create.apply(records).toArray(SaveResult[]::new);
    }

    /**
     * Sends again, with real ids, the records of created parents whose collection failed as a whole or that failed
     * transiently, and those of parents in {@code alsoFor} that failed at all (e.g. their licence came late).
     *
     * @return the parents some of whose records were sent again
     */
    Set<Integer> resend(List<SaveResult> parents, Function<List<ObjectNode>, List<SaveResult>> create, Set<Integer> alsoFor) {
        List<Integer> again = new ArrayList<>();
        for (int k = 0; k < records.size(); k++) {
            int parent = refs.get(k)[0];
            SaveResult r = results[k];
            boolean failed = r == null || RestOperations.transientFailure(r) || (alsoFor.contains(parent) && !r.success());
            if (parents.get(parent).success() && failed) {
                again.add(k);
            }
        }
        Set<Integer> resent = new HashSet<>();
        if (again.isEmpty()) {
            return resent;
        }
        List<SaveResult> answers = create.apply(again.stream()
                .map(k -> records.get(k).deepCopy().put(parentField, parents.get(refs.get(k)[0]).id())).toList());
        for (int i = 0; i < again.size(); i++) {
            results[again.get(i)] = answers.get(i);
            resent.add(refs.get(again.get(i))[0]);
        }
        return resent;
    }

    /** The results of one parent's records, by position; {@code count} is how many it has. */
    SaveResult[] forParent(int parent, int count) {
        SaveResult[] own = new SaveResult[count];
        for (int k = 0; k < refs.size(); k++) {
            if (refs.get(k)[0] == parent) {
                own[refs.get(k)[1]] = results[k];
            }
        }
        return own;
    }
}

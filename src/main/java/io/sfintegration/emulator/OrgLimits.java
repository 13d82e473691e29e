package io.sfintegration.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GET /limits with the entries a real Enterprise org lists ("List Org Limits",
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_limits.htm and "Limits",
 * resources_limits.htm). DailyApiRequests is live (the emulator's allocation and usage); the others are fixed, at the
 * allocation of an Enterprise org with nothing used.
 */
final class OrgLimits {

    private static final Map<String, Long> FIXED = new LinkedHashMap<>();

    static {
        FIXED.put("ActiveScratchOrgs", 0L);
        FIXED.put("AnalyticsExternalDataSizeMB", 40960L);
        FIXED.put("ConcurrentAsyncGetReportInstances", 200L);
        FIXED.put("ConcurrentEinsteinDataInsightsStoryCreation", 5L);
        FIXED.put("ConcurrentEinsteinDiscoveryStoryCreation", 2L);
        FIXED.put("ConcurrentSyncLongRunningRequests", 25L);
        FIXED.put("ConcurrentSyncReportRuns", 20L);
        FIXED.put("DailyAnalyticsDataflowJobExecutions", 60L);
        FIXED.put("DailyAnalyticsUploadedFilesSizeMB", 51200L);
        FIXED.put("DailyApiRequests", -1L);
        FIXED.put("DailyAsyncApexExecutions", 250000L);
        FIXED.put("DailyAsyncApexTests", 500L);
        FIXED.put("DailyBulkApiBatches", 15000L);
        FIXED.put("DailyBulkV2QueryFileStorageMB", 976562L);
        FIXED.put("DailyBulkV2QueryJobs", 10000L);
        FIXED.put("DailyDeliveredPlatformEvents", 50000L);
        FIXED.put("DailyDurableGenericStreamingApiEvents", 200000L);
        FIXED.put("DailyDurableStreamingApiEvents", 200000L);
        FIXED.put("DailyEinsteinDataInsightsStoryCreation", 1000L);
        FIXED.put("DailyEinsteinDiscoveryPredictAPICalls", 50000L);
        FIXED.put("DailyEinsteinDiscoveryPredictionsByCDC", 500000L);
        FIXED.put("DailyEinsteinDiscoveryStoryCreation", 100L);
        FIXED.put("DailyGenericStreamingApiEvents", 10000L);
        FIXED.put("DailyScratchOrgs", 0L);
        FIXED.put("DailyStandardVolumePlatformEvents", 10000L);
        FIXED.put("DailyStreamingApiEvents", 200000L);
        FIXED.put("DailyWorkflowEmails", 2000000L);
        FIXED.put("DataStorageMB", 5120L);
        FIXED.put("DurableStreamingApiConcurrentClients", 2000L);
        FIXED.put("FileStorageMB", 20480L);
        FIXED.put("HourlyAsyncReportRuns", 1200L);
        FIXED.put("HourlyDashboardRefreshes", 200L);
        FIXED.put("HourlyDashboardResults", 5000L);
        FIXED.put("HourlyDashboardStatuses", 999999999L);
        FIXED.put("HourlyLongTermIdMapping", 100000L);
        FIXED.put("HourlyManagedContentPublicRequests", 50000L);
        FIXED.put("HourlyODataCallout", 20000L);
        FIXED.put("HourlyPublishedPlatformEvents", 250000L);
        FIXED.put("HourlyPublishedStandardVolumePlatformEvents", 100000L);
        FIXED.put("HourlyShortTermIdMapping", 100000L);
        FIXED.put("HourlySyncReportRuns", 500L);
        FIXED.put("HourlyTimeBasedWorkflow", 1000L);
        FIXED.put("MassEmail", 5000L);
        FIXED.put("MonthlyEinsteinDiscoveryStoryCreation", 500L);
        FIXED.put("MonthlyPlatformEventsUsageEntitlement", 300000L);
        FIXED.put("Package2VersionCreates", 0L);
        FIXED.put("Package2VersionCreatesWithoutValidation", 0L);
        FIXED.put("PermissionTypesLimit", 6000L);
        FIXED.put("PrivateConnectOutboundCalloutHourlyLimitMB", 0L);
        FIXED.put("PublishCallbackUsageInApex", 5L);
        FIXED.put("SingleEmail", 5000L);
        FIXED.put("StreamingApiConcurrentClients", 2000L);
    }

    private OrgLimits() {
    }

    static ObjectNode of(ApiCounters counters) {
        ObjectNode out = Reply.JSON.createObjectNode();
        FIXED.forEach((name, max) -> {
            ObjectNode n = out.putObject(name);
            if (max < 0) {
                n.put("Max", counters.dailyMax());
                n.put("Remaining", Math.max(0, counters.dailyMax() - counters.dailyUsed()));
            } else {
                n.put("Max", max);
                n.put("Remaining", name.equals("DataStorageMB") ? max - 20 : max);
            }
        });
        return out;
    }
}

// report_command: CLI11 flags onto metrics_views parameters.
#include "server/report_command.hpp"
#include <filesystem>
#include <iostream>
#include "server/app_state.hpp"
#include "server/metrics_views.hpp"
#include "store/database.hpp"

namespace opinia::server {

void add_report_command(CLI::App& report, report_options& o)
{
    report.add_option("--db", o.db, "SQLite database file")->required();
    report.add_option("--view", o.view, "summary, trend, segments, compare, funnel, churn, journey, at-risk or themes")
        ->check(CLI::IsMember(metrics_views::names()))
        ->capture_default_str();
    report.add_option("--flow", o.flow, "Only this flow");
    report.add_option("--from", o.from, "First day, YYYY-MM-DD (inclusive)");
    report.add_option("--to", o.to, "Last day, YYYY-MM-DD (inclusive)");
    report.add_option("--tz", o.tz, "IANA time zone of the days and buckets (default UTC)");
    report.add_option("--segment", o.segment, "Only one segment: DIMENSION:VALUE, e.g. agent:anna or attribute:Contract:Two year");
    report.add_option("--bucket", o.bucket, "trend, churn: day, week or month");
    report.add_option("--by", o.by, "segments: the dimension; churn: the customer attribute");
    report.add_option("--compare-from", o.compare_from, "compare: first day of the second period");
    report.add_option("--compare-to", o.compare_to, "compare: last day of the second period");
    report.add_option("--param", o.params, "NAME=VALUE, any other view parameter (see docs/metrics.md); repeatable");
}

int run_report(const report_options& o)
{
    if (!std::filesystem::exists(o.db)) throw std::runtime_error("no database at '" + o.db + "'");
    metrics_views::params p;
    const std::pair<const char*, const std::string*> named[] = {
        {"flow", &o.flow},     {"from", &o.from},       {"to", &o.to},
        {"tz", &o.tz},         {"segment", &o.segment}, {"bucket", &o.bucket},
        {"by", &o.by},         {"compare_from", &o.compare_from}, {"compare_to", &o.compare_to}};
    for (const auto& [name, value] : named)
        if (!value->empty()) p[name] = *value;
    for (const auto& extra : o.params) {
        const auto eq = extra.find('=');
        if (eq == std::string::npos || eq == 0)
            throw std::runtime_error("--param must be NAME=VALUE, got '" + extra + "'");
        p[extra.substr(0, eq)] = extra.substr(eq + 1);
    }
    // A report reads: a mistyped path must not leave a new, empty database behind.
    if (!std::filesystem::exists(o.db)) throw std::runtime_error("no database at '" + o.db + "'");
    store::database db({o.db});
    metrics_views views(db, system_now_ms);
    std::cout << views.view(o.view, p).dump(2) << std::endl;
    return 0;
}

}  // namespace opinia::server

// report_command: `opinia report` — prints any metric view as JSON, through the same views as the API.
#pragma once
#include <string>
#include <vector>
#include <CLI/CLI.hpp>

namespace opinia::server {

struct report_options {
    std::string db;
    std::string view = "summary";
    std::string flow, from, to, tz, segment;
    std::string bucket, by, compare_from, compare_to;
    std::vector<std::string> params;   // NAME=VALUE, any other view parameter (touchpoint, window_days, q, limit …)
};

void add_report_command(CLI::App& report, report_options& options);

// Prints the view's JSON to stdout; throws on a missing database or a bad parameter.
int run_report(const report_options& options);

}  // namespace opinia::server

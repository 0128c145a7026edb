// import_command: the `opinia import responses|customers|events` subcommands, mapping flags onto import/.
#pragma once
#include <string>
#include <vector>
#include <CLI/CLI.hpp>

namespace opinia::server {

struct import_options {
    std::string file;
    std::string db;
    std::string flow;
    std::vector<std::string> scores;   // "nps=COLUMN", "csat=COLUMN:1-10", "ces=COLUMN:1-7"
    std::string comment_column;
    std::string customer_column;
    std::string date_column;
    std::string encoding = "utf-8";
    std::string missing_token;
    std::string delimiter = ",";
    std::string id_column;             // customers
    std::string churned_column;        // customers
    std::string active_from_column;    // customers
    std::string churned_at_column;     // customers
    std::vector<std::string> attribute_columns;  // customers
    std::string stage_column;          // events (with customer_column)
    std::string touchpoint_column;     // events
    std::string at_column;             // events
};

void add_import_commands(CLI::App& import, import_options& options);

// Prints rows read, imported and skipped (with reasons); non-zero when the file cannot be read at all.
int run_import(CLI::App& import, const import_options& options);

}  // namespace opinia::server

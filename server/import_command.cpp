// import_command: CLI11 flags of `opinia import responses|customers|events` onto the importers' options.
#include "server/import_command.hpp"
#include <iostream>
#include "import/customer_importer.hpp"
#include "import/event_importer.hpp"
#include "import/import_error.hpp"
#include "import/response_importer.hpp"
#include "import/score_mapping.hpp"
#include "import/text_encoding.hpp"
#include "server/app_state.hpp"
#include "store/database.hpp"

namespace opinia::server {

void add_import_commands(CLI::App& import, import_options& o)
{
    auto* responses = import.add_subcommand("responses", "Import survey responses: one conversation per CSV row");
    responses->add_option("file", o.file, "CSV file")->required()->check(CLI::ExistingFile);
    responses->add_option("--db", o.db, "SQLite database file")->required();
    responses->add_option("--flow", o.flow, "Flow name the responses belong to")->required();
    responses->add_option("--score", o.scores, "TYPE=COLUMN[:MIN-MAX], TYPE nps|csat|ces; repeatable")->required();
    responses->add_option("--comment", o.comment_column, "Column of the free-text \"why\"");
    responses->add_option("--customer", o.customer_column, "Column of the customer id");
    responses->add_option("--date", o.date_column, "Column of the answer time (ISO 8601)");
    responses->add_option("--encoding", o.encoding, "utf-8 or latin-1")->capture_default_str();
    responses->add_option("--missing", o.missing_token, "Cell text meaning \"not answered\" (e.g. NA)");
    responses->add_option("--delimiter", o.delimiter, "Field separator, one character")->capture_default_str();

    auto* customers = import.add_subcommand("customers", "Import customers: lifetimes, churn flags and attributes");
    customers->add_option("file", o.file, "CSV file")->required()->check(CLI::ExistingFile);
    customers->add_option("--db", o.db, "SQLite database file")->required();
    customers->add_option("--id", o.id_column, "Column of the customer id")->required();
    customers->add_option("--churned", o.churned_column, "Column of a yes/no churned flag (snapshot churn)");
    customers->add_option("--active-from", o.active_from_column, "Column of the date the customer joined (ISO 8601)");
    customers->add_option("--churned-at", o.churned_at_column, "Column of the date the customer left; empty: still a customer");
    customers->add_option("--attribute", o.attribute_columns, "Column kept as a customer attribute; repeatable");
    customers->add_option("--encoding", o.encoding, "utf-8 or latin-1")->capture_default_str();
    customers->add_option("--delimiter", o.delimiter, "Field separator, one character")->capture_default_str();

    auto* events = import.add_subcommand("events", "Import customer-journey events: one event per CSV row");
    events->add_option("file", o.file, "CSV file")->required()->check(CLI::ExistingFile);
    events->add_option("--db", o.db, "SQLite database file")->required();
    events->add_option("--customer", o.customer_column, "Column of the customer id")->required();
    events->add_option("--stage", o.stage_column, "Column of the stage: awareness, consideration, decision, retention, advocacy")
        ->required();
    events->add_option("--touchpoint", o.touchpoint_column, "Column of the touchpoint (site, shop, support, …)");
    events->add_option("--at", o.at_column, "Column of the event time (ISO 8601); without it, the time of the import");
    events->add_option("--encoding", o.encoding, "utf-8 or latin-1")->capture_default_str();
    events->add_option("--delimiter", o.delimiter, "Field separator, one character")->capture_default_str();
}

namespace {

import::text_encoding encoding_of(const import_options& o)
{
    const auto encoding = import::parse_text_encoding(o.encoding);
    if (!encoding)
        throw std::runtime_error("--encoding must be utf-8 or latin-1, got '" + o.encoding + "'");
    return *encoding;
}

char delimiter_of(const import_options& o)
{
    if (o.delimiter.size() != 1)
        throw std::runtime_error("--delimiter must be one character, got '" + o.delimiter + "'");
    return o.delimiter.front();
}

// Imports insert into the indexes of big tables in key order that is not time order; a page cache that
// holds those indexes turns most of the reads of each insert into memory lookups.
store::database_settings import_database(const import_options& o)
{
    store::database_settings settings{o.db};
    settings.page_cache_mib = 256;
    return settings;
}

int run_customer_import(const import_options& o)
{
    import::customer_import_options options;
    options.file = o.file;
    options.id_column = o.id_column;
    options.churned_column = o.churned_column;
    options.active_from_column = o.active_from_column;
    options.churned_at_column = o.churned_at_column;
    options.attribute_columns = o.attribute_columns;
    options.encoding = encoding_of(o);
    options.delimiter = delimiter_of(o);
    options.imported_at_ms = system_now_ms();

    store::database db(import_database(o));
    const auto report = import::import_customers(options, db);
    import::write_report(std::cout, report);
    return 0;
}

int run_event_import(const import_options& o)
{
    import::event_import_options options;
    options.file = o.file;
    options.customer_column = o.customer_column;
    options.stage_column = o.stage_column;
    options.touchpoint_column = o.touchpoint_column;
    options.at_column = o.at_column;
    options.encoding = encoding_of(o);
    options.delimiter = delimiter_of(o);
    options.imported_at_ms = system_now_ms();

    store::database db(import_database(o));
    import::write_report(std::cout, import::import_events(options, db));
    return 0;
}

}  // namespace

int run_import(CLI::App& import, const import_options& o)
{
    if (import.get_subcommand("customers")->parsed())
        return run_customer_import(o);
    if (import.get_subcommand("events")->parsed())
        return run_event_import(o);

    import::response_import_options options;
    options.file = o.file;
    options.flow = o.flow;
    for (const auto& spec : o.scores)
        options.scores.push_back(import::parse_score_mapping(spec));
    options.comment_column = o.comment_column;
    options.customer_column = o.customer_column;
    options.date_column = o.date_column;
    options.encoding = encoding_of(o);
    if (!o.missing_token.empty())
        options.missing_tokens = {o.missing_token};
    options.delimiter = delimiter_of(o);
    options.imported_at_ms = system_now_ms();

    store::database db(import_database(o));
    const auto report = import::import_responses(options, db);
    import::write_report(std::cout, report);
    return 0;
}

}  // namespace opinia::server

// Tests for customer_importer: the real IBM Telco file (churn overall and by Contract, checked by a direct pass), yes/no flags, dates, bad rows.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include "import/csv_reader.hpp"
#include "import/customer_importer.hpp"
#include "import/import_error.hpp"
#include "metrics/churn_summary.hpp"
#include "store/customer_store.hpp"
#include "store/database.hpp"

using namespace opinia;

namespace {

std::string read_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const std::string telco = std::string(OPINIA_SHARED_DIR) + "/data/ibm-telco-churn/Telco-Customer-Churn.csv";

}  // namespace

TEST_CASE("Telco: churn overall and by Contract match a direct pass over the file", "[customers][telco]") {
    const auto content = read_file(telco);

    // The direct pass: split lines on commas (this file has no quoted fields), find the columns by name.
    std::istringstream lines(content);
    std::string line;
    std::getline(lines, line);
    const auto split = [](const std::string& l) {
        std::vector<std::string> out;
        std::string field;
        std::istringstream in(l);
        while (std::getline(in, field, ',')) out.push_back(field);
        if (!l.empty() && l.back() == ',') out.emplace_back();
        return out;
    };
    auto header = split(line);
    for (auto& h : header)
        if (!h.empty() && h.back() == '\r') h.pop_back();
    const auto column = [&](const std::string& name) {
        return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
    };
    const auto contract = column("Contract"), churn = column("Churn");
    REQUIRE(churn < header.size());
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> expected;  // contract → (customers, churned)
    std::int64_t all = 0, all_churned = 0;
    while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        const auto f = split(line);
        const bool left = f[churn] == "Yes";
        ++all;
        all_churned += left;
        auto& e = expected[f[contract]];
        ++e.first;
        e.second += left;
    }
    REQUIRE(all == 7043);

    store::database db({":memory:"});
    store::customer_store customers(db);
    import::customer_import_options options;
    options.file = telco;
    options.id_column = "customerID";
    options.churned_column = "Churn";
    options.attribute_columns = {"Contract", "InternetService"};
    const auto report = import::import_customers(content, options, customers);
    CHECK(report.rows_read == all);
    CHECK(report.rows_imported == all);
    CHECK(report.rows_skipped == 0);
    CHECK(customers.count() == all);

    const auto overall = customers.snapshot_churn("");
    REQUIRE(overall.size() == 1);
    CHECK(overall.at("").customers == all);
    CHECK(overall.at("").churned == all_churned);

    const auto by_contract = customers.snapshot_churn("Contract");
    REQUIRE(by_contract.size() == expected.size());
    for (const auto& [value, counts] : expected) {
        INFO(value);
        CHECK(by_contract.at(value).customers == counts.first);
        CHECK(by_contract.at(value).churned == counts.second);
    }
    const auto json = metrics::snapshot_churn_json("Contract", by_contract);
    CHECK(json["rate"].get<double>() == Approx(double(all_churned) / double(all)));
    CHECK(json["values"].size() == 3);

    const auto one = customers.find("7590-VHVEG");
    REQUIRE(one);
    CHECK(one->churned == false);
    CHECK(one->attributes.front() == std::pair<std::string, std::string>{"Contract", "Month-to-month"});
}

TEST_CASE("Yes/no flags in their usual spellings", "[customers]") {
    struct example {
        const char* text;
        std::optional<bool> value;
    };
    const std::vector<example> examples{{"Yes", true}, {" no ", false}, {"TRUE", true}, {"0", false}, {"y", true},
                                        {"maybe", std::nullopt}, {"", std::nullopt}};
    for (const auto& e : examples) CHECK(import::parse_yes_no(e.text) == e.value);
}

TEST_CASE("Lifetimes import with dates; bad rows are skipped with their reason", "[customers]") {
    const std::string csv =
        "id,since,left,plan\n"
        "a,2025-01-01,,pro\n"
        "b,2025-02-01,2025-06-30,basic\n"
        ",2025-01-01,,pro\n"
        "c,yesterday,,pro\n"
        "d,2025-05-01,2025-04-01,pro\n"
        "e,2025-03-01\n";
    store::database db({":memory:"});
    store::customer_store customers(db);
    import::customer_import_options options;
    options.id_column = "id";
    options.active_from_column = "since";
    options.churned_at_column = "left";
    options.attribute_columns = {"plan"};
    const auto report = import::import_customers(csv, options, customers);
    CHECK(report.rows_read == 6);
    CHECK(report.rows_imported == 2);
    CHECK(report.rows_skipped == 4);
    REQUIRE(report.skipped.size() == 4);
    CHECK(report.skipped[0].reason.find("empty") != std::string::npos);
    CHECK(report.skipped[1].reason.find("yesterday") != std::string::npos);
    CHECK(report.skipped[2].reason.find("before") != std::string::npos);
    CHECK(report.skipped[3].reason.find("fields") != std::string::npos);
    const auto spans = customers.spans();
    REQUIRE(spans.size() == 2);
    const auto b = customers.find("b");
    REQUIRE(b);
    REQUIRE(b->churned_at_ms);
    CHECK(!b->churned);  // no churned column: the snapshot flag stays unknown

    options.id_column = "customer";
    CHECK_THROWS_AS(import::import_customers(csv, options, customers), import::import_error);
}

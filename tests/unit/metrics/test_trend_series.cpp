// Tests for bucket_calendar and trend_series: ISO weeks across New Year, DST changes, the Europe/Warsaw example, empty buckets.
#include <catch2/catch.hpp>
#include <date/tz.h>
#include <sstream>

#include "metrics/bucket_calendar.hpp"
#include "metrics/trend_series.hpp"
#include "unit/metrics/answer_counts.hpp"

using namespace opinia::metrics;
using opinia::test::counts_of;

namespace {

// UTC milliseconds of an ISO instant written "YYYY-MM-DDTHH:MM:SSZ", read independently of the code under test.
std::int64_t utc_ms(const std::string& text)
{
    std::istringstream in(text);
    date::sys_seconds t;
    in >> date::parse("%FT%TZ", t);
    REQUIRE(!in.fail());
    return t.time_since_epoch().count() * 1000;
}

std::string day_text(date::local_days d) { return date::format("%F", d); }

}  // namespace

TEST_CASE("Answers fall into the local day, ISO week and month of their zone", "[trend][tz]") {
    struct example {
        const char* name;
        const char* zone;
        bucket_size size;
        const char* instant;
        const char* bucket;
    };
    const std::vector<example> examples{
        {"metrics.md: 23:30Z on 1 March is Monday 2 March in Warsaw", "Europe/Warsaw", bucket_size::week,
         "2026-03-01T23:30:00Z", "2026-03-02"},
        {"metrics.md: the same instant in UTC is the week of 23 February", "UTC", bucket_size::week,
         "2026-03-01T23:30:00Z", "2026-02-23"},
        {"New Year: Wednesday 31 Dec 2025 is in the week starting Monday 29 Dec", "UTC", bucket_size::week,
         "2025-12-31T12:00:00Z", "2025-12-29"},
        {"New Year: Sunday 4 Jan 2026 is still in the week starting 29 Dec", "UTC", bucket_size::week,
         "2026-01-04T23:59:59Z", "2025-12-29"},
        {"New Year: Monday 5 Jan 2026 starts the next week", "UTC", bucket_size::week, "2026-01-05T00:00:00Z",
         "2026-01-05"},
        {"New Year in Warsaw: 31 Dec 23:30Z is 1 Jan local, still the same week", "Europe/Warsaw", bucket_size::week,
         "2025-12-31T23:30:00Z", "2025-12-29"},
        {"New Year in Warsaw: the month is January", "Europe/Warsaw", bucket_size::month, "2025-12-31T23:30:00Z",
         "2026-01-01"},
        {"DST spring (29 Mar 2026, +01 to +02): 22:30Z is 00:30 on the 30th", "Europe/Warsaw", bucket_size::day,
         "2026-03-29T22:30:00Z", "2026-03-30"},
        {"DST spring: 21:30Z on the 29th is 23:30 local, the same day", "Europe/Warsaw", bucket_size::day,
         "2026-03-29T21:30:00Z", "2026-03-29"},
        {"before DST: 22:30Z on the 28th is 23:30 local (+01)", "Europe/Warsaw", bucket_size::day,
         "2026-03-28T22:30:00Z", "2026-03-28"},
        {"DST autumn (25 Oct 2026, +02 to +01): 22:30Z on the 25th is 23:30 local", "Europe/Warsaw", bucket_size::day,
         "2026-10-25T22:30:00Z", "2026-10-25"},
        {"DST autumn: 22:30Z on the 24th is 00:30 on the 25th (+02)", "Europe/Warsaw", bucket_size::day,
         "2026-10-24T22:30:00Z", "2026-10-25"},
        {"New York DST: 03:30Z on 8 Mar 2026 is 22:30 on the 7th (-05)", "America/New_York", bucket_size::day,
         "2026-03-08T03:30:00Z", "2026-03-07"},
        {"a month bucket starts on the first", "UTC", bucket_size::month, "2026-02-28T10:00:00Z", "2026-02-01"},
    };
    for (const auto& e : examples) {
        SECTION(e.name) {
            bucket_calendar calendar(e.zone, e.size);
            CHECK(day_text(calendar.bucket_of(utc_ms(e.instant))) == e.bucket);
        }
    }
}

TEST_CASE("A scan in any time order gets the same buckets as one answer at a time", "[trend][tz]") {
    const std::vector<std::string> instants{"2026-10-24T22:30:00Z", "2026-03-29T22:30:00Z", "2026-10-25T22:30:00Z",
                                            "2026-03-28T22:30:00Z", "2025-12-31T23:30:00Z"};
    bucket_calendar shared("Europe/Warsaw", bucket_size::day);
    for (const auto& i : instants) {
        bucket_calendar fresh("Europe/Warsaw", bucket_size::day);
        CHECK(shared.bucket_of(utc_ms(i)) == fresh.bucket_of(utc_ms(i)));
    }
}

TEST_CASE("Local midnight in UTC follows the zone's offset on each side of DST", "[trend][tz]") {
    bucket_calendar calendar("Europe/Warsaw", bucket_size::day);
    using date::local_days;
    CHECK(calendar.start_ms(local_days{date::year{2026} / 3 / 29}) == utc_ms("2026-03-28T23:00:00Z"));
    CHECK(calendar.start_ms(local_days{date::year{2026} / 3 / 30}) == utc_ms("2026-03-29T22:00:00Z"));
    // The 29th has 23 hours, the 25 October 25.
    CHECK(calendar.start_ms(local_days{date::year{2026} / 10 / 26}) - calendar.start_ms(local_days{date::year{2026} / 10 / 25}) ==
          25 * 3600 * 1000);
}

TEST_CASE("Unknown zones and bucket names are refused", "[trend]") {
    CHECK_THROWS(bucket_calendar("Mars/Olympus", bucket_size::day));
    CHECK_FALSE(parse_bucket_size("fortnight"));
    CHECK(parse_bucket_size("week") == bucket_size::week);
}

TEST_CASE("H04: an empty week in a trend is null with n = 0, a week with 9 and 3 is NPS 0.0", "[trend][H04]") {
    bucket_calendar calendar("UTC", bucket_size::week);
    const auto week1 = calendar.bucket_of(utc_ms("2026-01-05T10:00:00Z"));
    const auto week3 = calendar.bucket_of(utc_ms("2026-01-19T10:00:00Z"));
    bucket_counts counts;
    counts[week1.time_since_epoch().count()] = counts_of({{"nps", 0, 10, 9, {10, 10, 0}}});
    counts[week3.time_since_epoch().count()] = counts_of({{"nps", 0, 10, 9, {9, 3}}});
    const auto points = build_trend(counts, calendar, week1, week3 + date::days{6});
    REQUIRE(points.size() == 3);
    CHECK(day_text(points[1].start) == "2026-01-12");
    CHECK(points[1].n == 0);
    CHECK_FALSE(points[1].scores.nps.score());
    REQUIRE(points[2].scores.nps.score());
    CHECK(*points[2].scores.nps.score() == Approx(0.0).margin(1e-12));
    CHECK(points[2].n == 2);
    const auto json = trend_json(points, calendar);
    CHECK(json["points"][1]["nps"]["score"].is_null());
    CHECK(json["points"][1]["n"] == 0);
    CHECK(json["points"][0]["start"] == "2026-01-05");
    CHECK(json["bucket"] == "week");
}

TEST_CASE("A month range lists every month, across New Year", "[trend]") {
    bucket_calendar calendar("Europe/Warsaw", bucket_size::month);
    using date::local_days;
    const auto points = build_trend({}, calendar, local_days{date::year{2025} / 11 / 15}, local_days{date::year{2026} / 2 / 3});
    std::vector<std::string> starts;
    for (const auto& p : points) starts.push_back(day_text(p.start));
    CHECK(starts == std::vector<std::string>{"2025-11-01", "2025-12-01", "2026-01-01", "2026-02-01"});
}

TEST_CASE("Bucket counts agree with walking the buckets, and a series over max_buckets is refused", "[trend]") {
    using date::local_days;
    const local_days first{date::year{2025} / 11 / 15};
    for (const auto size : {bucket_size::day, bucket_size::week, bucket_size::month}) {
        bucket_calendar calendar("Europe/Warsaw", size);
        for (const int span_days : {0, 1, 6, 7, 30, 31, 365, 800}) {
            const auto last = first + date::days{span_days};
            const auto walked = static_cast<std::int64_t>(build_trend({}, calendar, first, last).size());
            CHECK(calendar.bucket_count(first, last) == walked);
        }
        CHECK(calendar.bucket_count(first, first - date::days{40}) == 0);  // last bucket before the first
    }
    bucket_calendar days("UTC", bucket_size::day);
    CHECK_NOTHROW(build_trend({}, days, first, first + date::days{max_buckets - 1}));
    CHECK_THROWS_AS(build_trend({}, days, first, first + date::days{max_buckets}), too_many_buckets);
    bucket_calendar months("UTC", bucket_size::month);
    CHECK_THROWS_AS(build_trend({}, months, local_days{date::year{1} / 1 / 1}, local_days{date::year{9999} / 12 / 31}),
                    too_many_buckets);
}

TEST_CASE("Without a start, a trend keeps the last max_buckets buckets, however old the first answer", "[trend]") {
    bucket_calendar weeks("UTC", bucket_size::week);
    bucket_counts counts;
    const auto old_week = weeks.bucket_of(utc_ms("1900-01-01T12:00:00Z"));
    const auto new_week = weeks.bucket_of(utc_ms("2026-11-30T12:00:00Z"));
    counts[old_week.time_since_epoch().count()] = counts_of({{"nps", 0, 10, 9, {9}}});
    counts[new_week.time_since_epoch().count()] = counts_of({{"nps", 0, 10, 9, {3}}});
    const auto points = build_trend(counts, weeks, std::nullopt, std::nullopt);
    REQUIRE(static_cast<std::int64_t>(points.size()) == max_buckets);
    CHECK(points.back().start == new_week);
    CHECK(points.back().n == 1);
    CHECK((points.back().start - points.front().start).count() == 7 * (max_buckets - 1));
    CHECK_THROWS_AS(build_trend(counts, weeks, date::local_days{old_week}, std::nullopt), too_many_buckets);
}

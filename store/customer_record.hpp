// customer_record: a customer with lifetime, snapshot churn flag and attributes; journey events; churn tallies.
#pragma once
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace opinia::store {

struct customer_record {
    std::string id;
    std::optional<std::int64_t> active_from_ms;
    std::optional<std::int64_t> churned_at_ms;
    std::optional<bool> churned;   // snapshot flag (a yes/no column), when the file has one
    std::vector<std::pair<std::string, std::string>> attributes;  // name, value
};

// A customer's lifetime; a customer without active_from is left out of the period figures.
struct customer_span {
    std::optional<std::int64_t> active_from_ms;
    std::optional<std::int64_t> churned_at_ms;
};

// Customers with a churned flag, and how many of them churned.
struct churn_count {
    std::int64_t customers = 0;
    std::int64_t churned = 0;
};

// The journey stages in funnel order, as the journey_events table's CHECK lists them.
inline constexpr std::array<std::string_view, 5> journey_stage_names{"awareness", "consideration", "decision",
                                                                     "retention", "advocacy"};

// The stored name of a stage written in any case ("Awareness" is awareness); nullopt for anything else.
inline std::optional<std::string_view> journey_stage_named(std::string_view text)
{
    const auto same_letter = [](char stored, char written) {
        return stored == std::tolower(static_cast<unsigned char>(written));
    };
    for (const auto name : journey_stage_names)
        if (std::equal(name.begin(), name.end(), text.begin(), text.end(), same_letter)) return name;
    return std::nullopt;
}

struct journey_event_record {
    std::string customer_id;
    std::string stage;        // awareness | consideration | decision | retention | advocacy
    std::string touchpoint;
    std::int64_t occurred_at_ms = 0;
};

// A journey event as the funnel reads it: customers and stages by number.
struct journey_step {
    std::int64_t at_ms = 0;
    std::uint32_t customer = 0;  // any dense numbering of customers
    std::uint8_t stage = 0;      // index into journey_stage_names
};

}  // namespace opinia::store

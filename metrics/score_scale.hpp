// score_scale: the range a score question was asked on, and the default "good" cut-off per type and scale.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace opinia::metrics {

struct score_scale {
    int min = 0;
    int max = 0;

    // "1-5", "0-10": the form used in the Summary JSON and after a column on the command line.
    std::string label() const;
    bool contains(int value) const { return value >= min && value <= max; }
    friend bool operator==(const score_scale&, const score_scale&) = default;
    friend auto operator<=>(const score_scale&, const score_scale&) = default;
};

// Parses "1-10" (no spaces, min < max); nullopt otherwise.
std::optional<score_scale> parse_scale(std::string_view text);

// The scale a question type is asked on when none is given: nps 0-10, csat 1-5, ces 1-7.
std::optional<score_scale> default_scale(std::string_view question_type);

// First value that counts as good (promoter, satisfied, easy) per metrics.md:
// nps 0-10 → 9; csat 1-5 → 4, 1-10 → 8; ces 1-7 → 5, 1-5 → 4. nullopt for any other pair,
// because a cut-off we would have to invent is one the user never chose.
std::optional<int> default_good_from(std::string_view question_type, score_scale scale);

}  // namespace opinia::metrics

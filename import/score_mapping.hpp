// score_mapping: which CSV column holds which score question, on which scale ("csat=satisfaction:1-10").
#pragma once
#include <string>
#include <string_view>
#include "metrics/score_scale.hpp"

namespace opinia::import {

struct score_mapping {
    std::string question_type;  // "nps" | "csat" | "ces"
    std::string column;
    metrics::score_scale scale;
    int good_from = 0;          // the question's satisfied / easy / promoter cut-off
};

// Reads the value of one --score option: TYPE=COLUMN[:MIN-MAX]. The scale defaults to the
// type's (nps 0-10, csat 1-5, ces 1-7); NPS is only ever 0-10, and a scale without a cut-off in
// metrics.md (csat 1-7, say) is refused rather than judged by an invented one.
// Throws import_error naming what is wrong.
score_mapping parse_score_mapping(std::string_view spec);

}  // namespace opinia::import

// score_mapping: parsing and checking one --score option.
#include "import/score_mapping.hpp"

#include "import/import_error.hpp"

namespace opinia::import {

score_mapping parse_score_mapping(std::string_view spec) {
    const std::string quoted = "--score \"" + std::string(spec) + "\"";
    const auto eq = spec.find('=');
    if (eq == std::string_view::npos || eq == 0)
        throw import_error(quoted + ": expected TYPE=COLUMN[:MIN-MAX], e.g. nps=score or csat=satisfaction:1-10");
    score_mapping m;
    m.question_type = std::string(spec.substr(0, eq));
    if (m.question_type != "nps" && m.question_type != "csat" && m.question_type != "ces")
        throw import_error(quoted + ": the type must be nps, csat or ces");

    auto rest = spec.substr(eq + 1);
    // The scale is whatever follows the last ':' when it reads as MIN-MAX, so column names may hold ':'.
    const auto colon = rest.rfind(':');
    std::optional<metrics::score_scale> scale;
    if (colon != std::string_view::npos) {
        scale = metrics::parse_scale(rest.substr(colon + 1));
        if (!scale) throw import_error(quoted + ": the scale after ':' must read MIN-MAX, e.g. 1-10");
        rest = rest.substr(0, colon);
    } else {
        scale = metrics::default_scale(m.question_type);
    }
    if (rest.empty()) throw import_error(quoted + ": the column name is empty");
    m.column = std::string(rest);
    m.scale = *scale;

    const auto good_from = metrics::default_good_from(m.question_type, m.scale);
    if (!good_from) {
        throw import_error(quoted + ": " + m.question_type + " cannot be on a " + m.scale.label() +
                           " scale (nps: 0-10; csat: 1-5 or 1-10; ces: 1-7 or 1-5)");
    }
    m.good_from = *good_from;
    return m;
}

}  // namespace opinia::import

// answer_counts: builds store::score_count rows from plain answer lists, as the store would count them.
#pragma once
#include <map>
#include <string>
#include <vector>
#include "store/answer_filter.hpp"

namespace opinia::test {

struct question_answers {
    std::string type;
    int scale_min;
    int scale_max;
    int good_from;
    std::vector<int> values;
};

inline std::vector<store::score_count> counts_of(const std::vector<question_answers>& questions) {
    std::vector<store::score_count> out;
    for (const auto& q : questions) {
        std::map<int, std::int64_t> per_value;
        for (int v : q.values) ++per_value[v];
        for (const auto& [value, count] : per_value)
            out.push_back({q.type, q.scale_min, q.scale_max, q.good_from, value, count});
    }
    return out;
}

}  // namespace opinia::test

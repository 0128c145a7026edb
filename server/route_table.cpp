// route_table: segment-by-segment matching of request paths against route patterns.
#include "server/route_table.hpp"

namespace opinia::server {

namespace {

std::vector<std::string> split_path(const std::string& path)
{
    std::vector<std::string> out;
    std::size_t start = 1;
    while (start <= path.size()) {
        const auto slash = path.find('/', start);
        out.push_back(path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    return out;
}

bool is_capture(const std::string& segment)
{
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

void route_table::add(http::verb method, std::string pattern, route_access access, api_handler handler,
                      route_thread thread)
{
    auto segments = split_path(pattern);
    routes_.push_back({method, std::move(pattern), std::move(segments), access, std::move(handler), thread});
}

route_table::lookup route_table::find(http::verb method, const std::string& path, match& out) const
{
    const auto segments = split_path(path);
    bool path_known = false;
    for (const auto& r : routes_) {
        if (r.segments.size() != segments.size()) continue;
        std::map<std::string, std::string> params;
        bool same = true;
        for (std::size_t i = 0; i < segments.size() && same; ++i) {
            if (is_capture(r.segments[i]) && !segments[i].empty())
                params[r.segments[i].substr(1, r.segments[i].size() - 2)] = segments[i];
            else
                same = r.segments[i] == segments[i];
        }
        if (!same) continue;
        path_known = true;
        if (r.method != method) continue;
        out = match{r.access, &r.handler, std::move(params), r.thread};
        return lookup::found;
    }
    return path_known ? lookup::wrong_method : lookup::no_such_path;
}

std::vector<std::pair<std::string, std::string>> route_table::list() const
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& r : routes_)
        out.emplace_back(std::string(http::to_string(r.method)), r.pattern);
    return out;
}

}  // namespace opinia::server

// iso_time: formatting with date/date.h, seconds precision.
#include "server/iso_time.hpp"
#include <date/date.h>

namespace opinia::server {

std::string iso_time(std::int64_t ms)
{
    return date::format("%FT%TZ", date::floor<std::chrono::seconds>(
                                      date::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{ms}}));
}

}  // namespace opinia::server

// The cleaning stage for one article: character cleaning of title, lead and
// body, then boilerplate removal; fills body, body_map and removed.
#pragma once

#include "core/article.h"

namespace sipur::text {

void clean_article(Article& article);

}  // namespace sipur::text

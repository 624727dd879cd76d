import './case-portal.js';
import './case-list.js';
import './case-detail.js';
import './case-thread.js';
import './case-create.js';
import './case-search.js';

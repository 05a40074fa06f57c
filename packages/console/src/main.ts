// The console's entry point (index.html loads it): register the elements.
import './define.js';

package org.roadmapsync.github;

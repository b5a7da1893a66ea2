package org.roadmapsync.config;
